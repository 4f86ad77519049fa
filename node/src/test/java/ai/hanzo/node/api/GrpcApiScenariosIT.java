package ai.hanzo.node.api;

import ai.hanzo.node.api.endpoint.ComputeEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared scenarios over gRPC, plus the streaming RPCs that need the compute engine. */
class GrpcApiScenariosIT extends ApiScenarios {
  @Override
  Transport transport(ApiFixture fixture) {
    return new GrpcTransport(fixture.grpcUri());
  }

  @Test
  void computeStreamsSayTheEngineIsNotAvailableYet() throws Exception {
    NodeServiceGrpc.NodeServiceStub stub = GrpcClients.newClient(fixture.grpcUri(),
        NodeServiceGrpc.NodeServiceStub.class);
    StreamsIT.Recorder<ExecOutput> exec = new StreamsIT.Recorder<>(-1);
    @SuppressWarnings({"unchecked", "rawtypes"})
    StreamObserver<ExecInput> stdin = stub.execInContainer((StreamObserver) exec);
    stdin.onNext(ExecInput.newBuilder().setContainerId("c1").addCommand("ls").build());
    Status status = exec.done.get(30, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(status.getDescription()).isEqualTo(ComputeEndpoint.NO_ENGINE);

    StreamsIT.Recorder<LogEntry> logs = new StreamsIT.Recorder<>(-1);
    @SuppressWarnings({"unchecked", "rawtypes"})
    StreamObserver<LogEntry> observer = (StreamObserver) logs;
    stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId("d1").build(), observer);
    assertThat(logs.done.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }
}
