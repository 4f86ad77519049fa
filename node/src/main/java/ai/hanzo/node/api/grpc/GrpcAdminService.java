package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.PoolsEndpoint;
import ai.hanzo.node.api.v1.ComputePool;
import ai.hanzo.node.api.v1.GetPoolRequest;
import ai.hanzo.node.api.v1.ListPoolNodesRequest;
import ai.hanzo.node.api.v1.ListPoolNodesResponse;
import ai.hanzo.node.api.v1.ListPoolsRequest;
import ai.hanzo.node.api.v1.AllocateRequest;
import ai.hanzo.node.api.v1.Allocation;
import ai.hanzo.node.api.v1.GetAllocationRequest;
import ai.hanzo.node.api.v1.ListAllocationsRequest;
import ai.hanzo.node.api.v1.ListAllocationsResponse;
import ai.hanzo.node.api.v1.ReleaseAllocationRequest;
import ai.hanzo.node.api.v1.ReleaseAllocationResponse;
import ai.hanzo.node.api.v1.ListPoolsResponse;

import ai.hanzo.node.api.endpoint.AuditEndpoint;
import ai.hanzo.node.api.endpoint.ComputeEndpoint;
import ai.hanzo.node.api.endpoint.ImagesEndpoint;
import ai.hanzo.node.api.endpoint.KeysEndpoint;
import ai.hanzo.node.api.endpoint.OperatorsEndpoint;
import ai.hanzo.node.api.v1.ChangeStakeRequest;
import ai.hanzo.node.api.v1.DeregisterNodeRequest;
import ai.hanzo.node.api.v1.ExitOperatorRequest;
import ai.hanzo.node.api.v1.GetOperatorStatusRequest;
import ai.hanzo.node.api.v1.OperatorStatus;
import ai.hanzo.node.api.v1.OperatorTransaction;
import ai.hanzo.node.api.v1.RegisterOperatorRequest;
import ai.hanzo.node.api.v1.WithdrawStakeRequest;
import ai.hanzo.node.api.endpoint.NetworkEndpoint;
import ai.hanzo.node.api.endpoint.RegistryEndpoint;
import ai.hanzo.node.api.v1.ApiKeyInfo;
import ai.hanzo.node.api.v1.CreateApiKeyRequest;
import ai.hanzo.node.api.v1.CreateApiKeyResponse;
import ai.hanzo.node.api.v1.ListApiKeysRequest;
import ai.hanzo.node.api.v1.ListApiKeysResponse;
import ai.hanzo.node.api.v1.ListBindingsRequest;
import ai.hanzo.node.api.v1.ListBindingsResponse;
import ai.hanzo.node.api.v1.RemoveBindingRequest;
import ai.hanzo.node.api.v1.RevokeApiKeyRequest;
import ai.hanzo.node.api.v1.RoleBinding;
import ai.hanzo.node.api.v1.SetBindingRequest;
import ai.hanzo.node.api.v1.ListImagesRequest;
import ai.hanzo.node.api.v1.ListImagesResponse;
import ai.hanzo.node.api.v1.PullImageRequest;
import ai.hanzo.node.api.v1.ImageInfo;
import ai.hanzo.node.api.v1.RemoveImageRequest;
import ai.hanzo.node.api.v1.RemoveImageResponse;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.SendCommandResponse;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.CordonRequest;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.GetSchedulingRequest;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.api.v1.UncordonRequest;
import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.AckCommandResponse;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.ConfirmRegistrationResponse;
import ai.hanzo.node.api.v1.GetRegisteredNodeRequest;
import ai.hanzo.node.api.v1.ListRegisteredNodesRequest;
import ai.hanzo.node.api.v1.ListRegisteredNodesResponse;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.QueryUsageResponse;
import ai.hanzo.node.api.v1.UsageStatementReply;
import ai.hanzo.node.api.endpoint.UsageEndpoint;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.QueueCommandResponse;
import ai.hanzo.node.api.v1.RegisteredNodeInfo;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.ListDeploymentsRequest;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.StreamObserver;

/**
 * {@code hanzo.node.v1.NodeAdminService}: registration proof, registered nodes, command queues, deployments, audit.
 * Every method carries {@link Blocking}: they read and write the node database, the runtime or the network.
 */
public final class GrpcAdminService extends NodeAdminServiceGrpc.NodeAdminServiceImplBase {
  private final RegistryEndpoint registry;
  private final ComputeEndpoint compute;
  private final NetworkEndpoint network;
  private final AuditEndpoint audit;
  private final ImagesEndpoint images;
  private final KeysEndpoint keys;
  private final OperatorsEndpoint operators;
  private final UsageEndpoint usage;
  private final PoolsEndpoint pools;

  public GrpcAdminService(RegistryEndpoint registry, ComputeEndpoint compute, NetworkEndpoint network,
      AuditEndpoint audit, ImagesEndpoint images, KeysEndpoint keys, OperatorsEndpoint operators,
      UsageEndpoint usage) {
    this(registry, compute, network, audit, images, keys, operators, usage, PoolsEndpoint.none());
  }

  /** As above, with the compute pools this node describes. */
  public GrpcAdminService(RegistryEndpoint registry, ComputeEndpoint compute, NetworkEndpoint network,
      AuditEndpoint audit, ImagesEndpoint images, KeysEndpoint keys, OperatorsEndpoint operators,
      UsageEndpoint usage, PoolsEndpoint pools) {
    this.pools = pools;
    this.usage = usage;
    this.keys = keys;
    this.operators = operators;
    this.registry = registry;
    this.compute = compute;
    this.network = network;
    this.audit = audit;
    this.images = images;
  }

  @Blocking
  @Override
  public void listPools(ListPoolsRequest request, StreamObserver<ListPoolsResponse> observer) {
    GrpcCalls.unary(request, observer, pools::list);
  }

  @Blocking
  @Override
  public void getPool(GetPoolRequest request, StreamObserver<ComputePool> observer) {
    GrpcCalls.unary(request, observer, pools::get);
  }

  @Blocking
  @Override
  public void listPoolNodes(ListPoolNodesRequest request, StreamObserver<ListPoolNodesResponse> observer) {
    GrpcCalls.unary(request, observer, pools::nodes);
  }

  @Blocking
  @Override
  public void allocate(AllocateRequest request, StreamObserver<Allocation> observer) {
    GrpcCalls.unary(request, observer, compute.allocations()::allocate);
  }

  @Blocking
  @Override
  public void getAllocation(GetAllocationRequest request, StreamObserver<Allocation> observer) {
    GrpcCalls.unary(request, observer, compute.allocations()::get);
  }

  @Blocking
  @Override
  public void listAllocations(ListAllocationsRequest request, StreamObserver<ListAllocationsResponse> observer) {
    GrpcCalls.unary(request, observer, compute.allocations()::list);
  }

  @Blocking
  @Override
  public void releaseAllocation(ReleaseAllocationRequest request,
      StreamObserver<ReleaseAllocationResponse> observer) {
    GrpcCalls.unary(request, observer, compute.allocations()::release);
  }

  @Blocking
  @Override
  public void listImages(ListImagesRequest request,
      StreamObserver<ListImagesResponse> observer) {
    GrpcCalls.unary(request, observer, r -> images.list());
  }

  @Blocking
  @Override
  public void pullImage(PullImageRequest request,
      StreamObserver<ImageInfo> observer) {
    GrpcCalls.unary(request, observer, images::pull);
  }

  @Blocking
  @Override
  public void removeImage(RemoveImageRequest request,
      StreamObserver<RemoveImageResponse> observer) {
    GrpcCalls.unary(request, observer, images::remove);
  }

  @Blocking
  @Override
  public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> observer) {
    GrpcCalls.unary(request, observer, keys::create);
  }

  @Blocking
  @Override
  public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> observer) {
    GrpcCalls.unary(request, observer, r -> keys.list());
  }

  @Blocking
  @Override
  public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<ApiKeyInfo> observer) {
    GrpcCalls.unary(request, observer, keys::revoke);
  }

  @Blocking
  @Override
  public void setBinding(SetBindingRequest request, StreamObserver<RoleBinding> observer) {
    GrpcCalls.unary(request, observer, keys::bind);
  }

  @Blocking
  @Override
  public void listBindings(ListBindingsRequest request, StreamObserver<ListBindingsResponse> observer) {
    GrpcCalls.unary(request, observer, r -> keys.bindings());
  }

  @Blocking
  @Override
  public void removeBinding(RemoveBindingRequest request, StreamObserver<RoleBinding> observer) {
    GrpcCalls.unary(request, observer, keys::unbind);
  }

  @Blocking
  @Override
  public void queryAudit(QueryAuditRequest request, StreamObserver<QueryAuditResponse> observer) {
    GrpcCalls.unary(request, observer, audit::query);
  }

  @Blocking
  @Override
  public void queryUsage(QueryUsageRequest request, StreamObserver<QueryUsageResponse> observer) {
    GrpcCalls.unary(request, observer, usage::query);
  }

  @Blocking
  @Override
  public void exportUsage(QueryUsageRequest request, StreamObserver<UsageStatementReply> observer) {
    GrpcCalls.unary(request, observer, usage::export);
  }

  @Blocking
  @Override
  public void listDeployments(ListDeploymentsRequest request, StreamObserver<ListDeploymentsResponse> observer) {
    GrpcCalls.unary(request, observer, r -> compute.listDeployments());
  }

  @Blocking
  @Override
  public void getDeployment(GetDeploymentRequest request, StreamObserver<DeploymentStatus> observer) {
    GrpcCalls.unary(request, observer, compute::getDeployment);
  }

  @Blocking
  @Override
  public void confirmRegistration(ConfirmRegistrationRequest request,
      StreamObserver<ConfirmRegistrationResponse> observer) {
    GrpcCalls.unary(request, observer, registry::confirm);
  }

  @Blocking
  @Override
  public void listRegisteredNodes(ListRegisteredNodesRequest request,
      StreamObserver<ListRegisteredNodesResponse> observer) {
    GrpcCalls.unary(request, observer, r -> registry.list());
  }

  @Blocking
  @Override
  public void getRegisteredNode(GetRegisteredNodeRequest request, StreamObserver<RegisteredNodeInfo> observer) {
    GrpcCalls.unary(request, observer, registry::get);
  }

  @Blocking
  @Override
  public void queueCommand(QueueCommandRequest request, StreamObserver<QueueCommandResponse> observer) {
    GrpcCalls.unary(request, observer, registry::queueCommand);
  }

  @Blocking
  @Override
  public void ackCommand(AckCommandRequest request, StreamObserver<AckCommandResponse> observer) {
    GrpcCalls.unary(request, observer, registry::ack);
  }

  @Blocking
  @Override
  public void cordon(CordonRequest request, StreamObserver<SchedulingStatus> observer) {
    GrpcCalls.unary(request, observer, r -> compute.cordon());
  }

  @Blocking
  @Override
  public void drain(DrainRequest request, StreamObserver<SchedulingStatus> observer) {
    GrpcCalls.unary(request, observer, compute::drain);
  }

  @Blocking
  @Override
  public void uncordon(UncordonRequest request, StreamObserver<SchedulingStatus> observer) {
    GrpcCalls.unary(request, observer, r -> compute.uncordon());
  }

  @Blocking
  @Override
  public void getScheduling(GetSchedulingRequest request, StreamObserver<SchedulingStatus> observer) {
    GrpcCalls.unary(request, observer, r -> compute.getScheduling());
  }

  @Blocking
  @Override
  public void listPeers(ListPeersRequest request, StreamObserver<ListPeersResponse> observer) {
    GrpcCalls.unary(request, observer, network::listPeers);
  }

  @Blocking
  @Override
  public void getNetwork(GetNetworkRequest request, StreamObserver<NetworkInfo> observer) {
    GrpcCalls.unary(request, observer, network::getNetwork);
  }

  @Blocking
  @Override
  public void sendCommand(SendCommandRequest request, StreamObserver<SendCommandResponse> observer) {
    GrpcCalls.unary(request, observer, network::sendCommand);
  }

  @Blocking
  @Override
  public void findProviders(FindProvidersRequest request, StreamObserver<FindProvidersResponse> observer) {
    GrpcCalls.unary(request, observer, network::findProviders);
  }

  @Blocking
  @Override
  public void registerOperator(RegisterOperatorRequest request, StreamObserver<OperatorTransaction> observer) {
    GrpcCalls.unary(request, observer, operators::register);
  }

  @Blocking
  @Override
  public void getOperatorStatus(GetOperatorStatusRequest request, StreamObserver<OperatorStatus> observer) {
    GrpcCalls.unary(request, observer, operators::status);
  }

  @Blocking
  @Override
  public void changeStake(ChangeStakeRequest request, StreamObserver<OperatorTransaction> observer) {
    GrpcCalls.unary(request, observer, operators::changeStake);
  }

  @Blocking
  @Override
  public void exitOperator(ExitOperatorRequest request, StreamObserver<OperatorTransaction> observer) {
    GrpcCalls.unary(request, observer, operators::exit);
  }

  @Blocking
  @Override
  public void withdrawStake(WithdrawStakeRequest request, StreamObserver<OperatorTransaction> observer) {
    GrpcCalls.unary(request, observer, operators::withdraw);
  }

  @Blocking
  @Override
  public void deregisterNode(DeregisterNodeRequest request, StreamObserver<OperatorTransaction> observer) {
    GrpcCalls.unary(request, observer, operators::deregister);
  }
}
