package ai.hanzo.node.api;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.AckCommandResponse;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.ConfirmRegistrationResponse;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.ListDeploymentsRequest;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetRegisteredNodeRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.HeartbeatResponse;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.ListRegisteredNodesRequest;
import ai.hanzo.node.api.v1.ListRegisteredNodesResponse;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.QueueCommandResponse;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.api.v1.RegisteredNodeInfo;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.RemoveResponse;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.StopResponse;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesResponse;
import ai.hanzo.node.api.v1.CordonRequest;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetSchedulingRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.SendCommandResponse;
import ai.hanzo.node.api.v1.UncordonRequest;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

final class GrpcTransport implements Transport {
  private static final Metadata.Key<String> FIELD =
      Metadata.Key.of("hanzo-error-field", Metadata.ASCII_STRING_MARSHALLER);

  private static final long EXEC_WAIT_SECONDS = 60;

  private final NodeServiceGrpc.NodeServiceBlockingStub node;
  private final NodeServiceGrpc.NodeServiceStub nodeAsync;
  private final NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin;

  GrpcTransport(String uri) {
    this(uri, null);
  }

  /** @param apiKey sent as {@code x-api-key} on every call, or null */
  GrpcTransport(String uri, String apiKey) {
    node = client(uri, apiKey).build(NodeServiceGrpc.NodeServiceBlockingStub.class);
    nodeAsync = client(uri, apiKey).build(NodeServiceGrpc.NodeServiceStub.class);
    admin = client(uri, apiKey).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static GrpcClientBuilder client(String uri, String apiKey) {
    GrpcClientBuilder b = GrpcClients.builder(uri);
    return apiKey == null ? b : b.addHeader("x-api-key", apiKey);
  }

  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  private static ApiCallException failure(StatusRuntimeException e) {
    Metadata t = e.getTrailers();
    String code = t != null && t.get(ErrorMapper.CODE_KEY) != null ? t.get(ErrorMapper.CODE_KEY)
        : e.getStatus().getCode().name();
    return new ApiCallException(code, e.getStatus().getDescription(), t == null ? null : t.get(FIELD));
  }

  @Override
  public GetHealthResponse health() {
    return call(() -> node.getHealth(GetHealthRequest.getDefaultInstance()));
  }

  @Override
  public GetStatusResponse status(String nodeId) {
    return call(() -> node.getStatus(GetStatusRequest.newBuilder().setNodeId(nodeId).build()));
  }

  @Override
  public RegisterNodeResponse register(RegisterNodeRequest r) {
    return call(() -> node.registerNode(r));
  }

  @Override
  public ConfirmRegistrationResponse confirm(ConfirmRegistrationRequest r) {
    return call(() -> admin.confirmRegistration(r));
  }

  @Override
  public HeartbeatResponse heartbeat(HeartbeatRequest r) {
    return call(() -> node.heartbeat(r));
  }

  @Override
  public UpdateCapabilitiesResponse updateCapabilities(UpdateCapabilitiesRequest r) {
    return call(() -> node.updateCapabilities(r));
  }

  @Override
  public QueueCommandResponse queue(QueueCommandRequest r) {
    return call(() -> admin.queueCommand(r));
  }

  @Override
  public AckCommandResponse ack(AckCommandRequest r) {
    return call(() -> admin.ackCommand(r));
  }

  @Override
  public ListRegisteredNodesResponse nodes() {
    return call(() -> admin.listRegisteredNodes(ListRegisteredNodesRequest.getDefaultInstance()));
  }

  @Override
  public RegisteredNodeInfo node(String nodeId) {
    return call(() -> admin.getRegisteredNode(GetRegisteredNodeRequest.newBuilder().setNodeId(nodeId).build()));
  }

  @Override
  public DeployResponse deploy(DeployRequest r) {
    return call(() -> node.deploy(r));
  }

  @Override
  public StopResponse stop(StopRequest r) {
    return call(() -> node.stop(r));
  }

  @Override
  public ScaleResponse scale(ScaleRequest r) {
    return call(() -> node.scale(r));
  }

  @Override
  public RemoveResponse remove(RemoveRequest r) {
    return call(() -> node.remove(r));
  }

  @Override
  public ListContainersResponse containers() {
    return call(() -> node.listContainers(ListContainersRequest.getDefaultInstance()));
  }

  @Override
  public ListContainersResponse containers(Map<String, String> filters) {
    return call(() -> node.listContainers(ListContainersRequest.newBuilder().putAllFilters(filters).build()));
  }

  @Override
  public ListDeploymentsResponse deployments() {
    return call(() -> admin.listDeployments(ListDeploymentsRequest.getDefaultInstance()));
  }

  @Override
  public DeploymentStatus deployment(String id) {
    return call(() -> admin.getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId(id).build()));
  }

  @Override
  public ContainerInfo container(String id) {
    return call(() -> node.inspectContainer(InspectContainerRequest.newBuilder().setContainerId(id).build()));
  }

  @Override
  public ExecOutput exec(ExecInput r) {
    ExecOutputCollector output = new ExecOutputCollector();
    StreamObserver<ExecInput> stdin = nodeAsync.execInContainer(output);
    stdin.onNext(r);
    stdin.onCompleted();
    try {
      return output.result().get(EXEC_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StatusRuntimeException s ? failure(s) : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("no end of the exec stream within " + EXEC_WAIT_SECONDS + " s", e);
    }
  }

  @Override
  public List<LogEntry> logs(GetLogsRequest r) {
    return call(() -> {
      List<LogEntry> entries = new ArrayList<>();
      node.getLogs(r).forEachRemaining(entries::add);
      return entries;
    });
  }

  @Override
  public SchedulingStatus cordon() {
    return call(() -> admin.cordon(CordonRequest.getDefaultInstance()));
  }

  @Override
  public SchedulingStatus drain(DrainRequest r) {
    return call(() -> admin.drain(r));
  }

  @Override
  public SchedulingStatus uncordon() {
    return call(() -> admin.uncordon(UncordonRequest.getDefaultInstance()));
  }

  @Override
  public SchedulingStatus scheduling() {
    return call(() -> admin.getScheduling(GetSchedulingRequest.getDefaultInstance()));
  }

  @Override
  public ListPeersResponse peers(boolean all) {
    return call(() -> admin.listPeers(ListPeersRequest.newBuilder().setAll(all).build()));
  }

  @Override
  public NetworkInfo network() {
    return call(() -> admin.getNetwork(GetNetworkRequest.getDefaultInstance()));
  }

  @Override
  public SendCommandResponse sendCommand(SendCommandRequest r) {
    return call(() -> admin.sendCommand(r));
  }

  @Override
  public FindProvidersResponse findProviders(FindProvidersRequest r) {
    return call(() -> admin.findProviders(r));
  }

  @Override
  public QueryAuditResponse audit(QueryAuditRequest r) {
    return call(() -> admin.queryAudit(r));
  }
}
