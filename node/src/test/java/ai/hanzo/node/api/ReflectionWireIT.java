package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a generic tool (grpcurl, Postman) does: a plain grpc-java client with no hanzo generated classes discovers
 * the API through server reflection (v1 and v1alpha), builds the messages dynamically and calls GetHealth by its
 * contract name. Also checks grpc.health.v1 per-service status.
 */
class ReflectionWireIT {
  @TempDir static Path dataDir;
  static ApiFixture fixture;
  static ManagedChannel channel;

  @BeforeAll
  static void start() {
    fixture = new ApiFixture(dataDir);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", fixture.servers.grpcPort()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    fixture.close();
  }

  @Test
  void reflectionV1ListsTheServicesAndDescribesGetHealth() throws Exception {
    List<String> services = reflectV1(ServerReflectionRequest.newBuilder().setListServices("").build())
        .getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList();
    assertThat(services).contains("hanzo.node.v1.NodeService", "hanzo.node.v1.NodeAdminService",
        "hanzo.node.v1.InferenceService", "grpc.health.v1.Health");
    List<FileDescriptorProto> files = reflectV1(ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("hanzo.node.v1.NodeService").build())
        .getFileDescriptorResponse().getFileDescriptorProtoList().stream().map(ReflectionWireIT::parse).toList();
    callGetHealth(files);
  }

  @Test
  void reflectionV1alphaDescribesTheSameContract() throws Exception {
    var request = io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("hanzo.node.v1.NodeService").build();
    CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> out =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(observer(answer));
    out.onNext(request);
    out.onCompleted();
    var response = answer.get(30, TimeUnit.SECONDS);
    assertThat(response.hasErrorResponse()).as(response.getErrorResponse().getErrorMessage()).isFalse();
    callGetHealth(response.getFileDescriptorResponse().getFileDescriptorProtoList().stream()
        .map(ReflectionWireIT::parse).toList());
  }

  @Test
  void healthServiceReportsEachServiceServing() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    for (String service : new String[] {"", "hanzo.node.v1.NodeService", "hanzo.node.v1.NodeAdminService",
        "hanzo.node.v1.InferenceService"}) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
  }

  private void callGetHealth(List<FileDescriptorProto> files) throws Exception {
    ServiceDescriptor service = build(files).get("hanzo/node/v1/node.proto").findServiceByName("NodeService");
    MethodDescriptor method = service.findMethodByName("GetHealth");
    Descriptor in = method.getInputType();
    Descriptor out = method.getOutputType();
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(service.getFullName(), "GetHealth"))
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
            .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(out)))
            .build();
    DynamicMessage response = ClientCalls.blockingUnaryCall(channel, grpcMethod,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), DynamicMessage.getDefaultInstance(in));
    assertThat(((com.google.protobuf.Descriptors.EnumValueDescriptor) response.getField(out.findFieldByName("status")))
        .getName()).isEqualTo("HEALTH_STATUS_HEALTHY");
    assertThat(response.getField(out.findFieldByName("version"))).isEqualTo("9.9.9-test");
    DynamicMessage consensus = (DynamicMessage) response.getField(out.findFieldByName("consensus"));
    assertThat(consensus.getField(consensus.getDescriptorForType().findFieldByName("network_id"))).isEqualTo("43113");
  }

  /** Builds the descriptors in dependency order from whatever order reflection sent them. */
  private static Map<String, FileDescriptor> build(List<FileDescriptorProto> protos) throws Exception {
    Map<String, FileDescriptorProto> byName = new HashMap<>();
    protos.forEach(p -> byName.put(p.getName(), p));
    Map<String, FileDescriptor> built = new HashMap<>();
    for (String name : byName.keySet()) {
      build(name, byName, built);
    }
    return built;
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built) throws Exception {
    if (built.containsKey(name)) {
      return built.get(name);
    }
    FileDescriptorProto proto = protos.get(name);
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep, protos, built));
    }
    FileDescriptor fd = FileDescriptor.buildFrom(proto, deps.toArray(new FileDescriptor[0]));
    built.put(name, fd);
    return fd;
  }

  private static FileDescriptorProto parse(com.google.protobuf.ByteString bytes) {
    try {
      return FileDescriptorProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private ServerReflectionResponse reflectV1(ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> out = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(observer(answer));
    out.onNext(request);
    out.onCompleted();
    ServerReflectionResponse response = answer.get(30, TimeUnit.SECONDS);
    assertThat(response.hasErrorResponse()).as(response.getErrorResponse().getErrorMessage()).isFalse();
    return response;
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
