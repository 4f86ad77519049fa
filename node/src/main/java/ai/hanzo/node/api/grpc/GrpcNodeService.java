package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.HeartbeatResponse;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.RemoveResponse;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.StopResponse;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesResponse;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * {@code hanzo.node.v1.NodeService} over gRPC. Blocking is the default: every method carries {@link Blocking}, so
 * Armeria runs it on its blocking executor, except the few in-memory ones {@link EventLoopMethods} names.
 */
public final class GrpcNodeService extends NodeServiceGrpc.NodeServiceImplBase {
  private final NodeApi api;

  public GrpcNodeService(NodeApi api) {
    this.api = api;
  }

  @Blocking
  @Override
  public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> observer) {
    GrpcCalls.unary(request, observer, api.health()::getHealth);
  }

  /** On the event loop for this node (all in memory); another node's status reads the registry off it. */
  @Override
  public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> observer) {
    if (api.status().answersInMemory(request)) {
      GrpcCalls.unary(request, observer, api.status()::getStatus);
    } else {
      GrpcCalls.unaryOffTheEventLoop(request, observer, api.status()::getStatus);
    }
  }

  @Override
  public void getMetrics(GetMetricsRequest request, StreamObserver<MetricsResponse> observer) {
    GrpcCalls.stream(observer, (sink, ctx) -> api.metrics().open(request, sink, ctx.eventLoop()));
  }

  @Blocking
  @Override
  public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> observer) {
    GrpcCalls.unary(request, observer, api.registry()::register);
  }

  @Blocking
  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
    GrpcCalls.unary(request, observer, api.registry()::heartbeat);
  }

  @Blocking
  @Override
  public void updateCapabilities(UpdateCapabilitiesRequest request,
      StreamObserver<UpdateCapabilitiesResponse> observer) {
    GrpcCalls.unary(request, observer, api.registry()::updateCapabilities);
  }

  @Blocking
  @Override
  public void deploy(DeployRequest request, StreamObserver<DeployResponse> observer) {
    GrpcCalls.unary(request, observer, api.compute()::deploy);
  }

  @Blocking
  @Override
  public void stop(StopRequest request, StreamObserver<StopResponse> observer) {
    GrpcCalls.unary(request, observer, api.compute()::stop);
  }

  @Blocking
  @Override
  public void remove(RemoveRequest request, StreamObserver<RemoveResponse> observer) {
    GrpcCalls.unary(request, observer, api.compute()::remove);
  }

  @Blocking
  @Override
  public void scale(ScaleRequest request, StreamObserver<ScaleResponse> observer) {
    GrpcCalls.unary(request, observer, api.compute()::scale);
  }

  @Blocking
  @Override
  public void getLogs(GetLogsRequest request, StreamObserver<LogEntry> observer) {
    GrpcCalls.stream(observer, (sink, ctx) -> api.logs().open(request, sink));
  }

  @Override
  public void getEvents(GetEventsRequest request, StreamObserver<NodeEvent> observer) {
    GrpcCalls.stream(observer, (sink, ctx) -> api.events().open(request, sink, ctx.eventLoop()));
  }

  @Blocking
  @Override
  public void listContainers(ListContainersRequest request, StreamObserver<ListContainersResponse> observer) {
    GrpcCalls.unary(request, observer, api.compute()::listContainers);
  }

  @Blocking
  @Override
  public void inspectContainer(InspectContainerRequest request, StreamObserver<ContainerInfo> observer) {
    GrpcCalls.unary(request, observer, api.compute()::inspectContainer);
  }

  /**
   * Bidirectional: the first message starts the command, later ones feed its stdin, the client's half-close closes
   * stdin, and the last output carries {@code done} and the exit code. Blocking, because starting the command and
   * writing its stdin may block.
   */
  @Blocking
  @Override
  public StreamObserver<ExecInput> execInContainer(StreamObserver<ExecOutput> observer) {
    return new GrpcExecInputs((ServerCallStreamObserver<ExecOutput>) observer, api.exec());
  }
}
