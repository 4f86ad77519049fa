package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.GetPoolRequest;
import ai.hanzo.node.api.v1.ListPoolNodesRequest;
import ai.hanzo.node.api.v1.ListPoolsRequest;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.CordonRequest;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.api.v1.UncordonRequest;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.DeploymentIds;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.Placement;
import ai.hanzo.node.api.v1.PlacementStrategy;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListDeploymentsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetMetricsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CLI's connection to a running node over gRPC. Answers come back as this package's records, so the CLI never
 * handles protobuf types and renders them as it likes; failures come back as {@link NodeException} carrying the
 * node's code and message (UNAVAILABLE when the node cannot be reached).
 */
public final class NodeClient implements AutoCloseable {
  /** The most replicas a service may ask for: the node's own limit, so the CLI refuses what the node would. */
  public static final int MAX_REPLICAS = ai.hanzo.node.compute.DesiredDeployment.MAX_REPLICAS;

  private final ClientSettings settings;
  private final ClientFactory factory;
  private final NodeServiceGrpc.NodeServiceBlockingStub unary;
  private final NodeServiceGrpc.NodeServiceBlockingStub streaming;
  private final NodeServiceGrpc.NodeServiceStub async;
  private final NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin;
  private final QosServiceGrpc.QosServiceBlockingStub qos;

  public NodeClient(ClientSettings settings) {
    this.settings = settings;
    this.factory = ClientTls.factory(settings);
    this.unary = builder().responseTimeout(settings.timeout()).build(NodeServiceGrpc.NodeServiceBlockingStub.class);
    // Streams run until the user stops them: no response timeout, and no cap on the bytes of the whole stream
    // (Armeria's default of 10 MiB per response would end `logs -f` after 10 MiB of output).
    this.streaming = builder().responseTimeoutMillis(0).maxResponseLength(0)
        .build(NodeServiceGrpc.NodeServiceBlockingStub.class);
    this.async = builder().responseTimeoutMillis(0).maxResponseLength(0).build(NodeServiceGrpc.NodeServiceStub.class);
    this.admin = builder().responseTimeout(settings.timeout())
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
    // A challenge runs until its deadline (at most 5 minutes): no shorter response timeout than that.
    this.qos = builder().responseTimeoutMillis(0).build(QosServiceGrpc.QosServiceBlockingStub.class);
  }

  private GrpcClientBuilder builder() {
    GrpcClientBuilder b = GrpcClients.builder(settings.uri()).factory(factory);
    if (settings.token() != null && !settings.token().isEmpty()) {
      b.addHeader("authorization", "Bearer " + settings.token());
    }
    if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
      b.addHeader("x-api-key", settings.apiKey());
    }
    return b;
  }

  public Health health() {
    return call(() -> NodeAnswers.health(unary.getHealth(GetHealthRequest.getDefaultInstance())));
  }

  public NodeStatus status(String nodeId) {
    return call(() -> NodeAnswers.status(unary.getStatus(GetStatusRequest.newBuilder().setNodeId(nodeId).build())));
  }

  /** Hands up to {@code count} samples (0 = until interrupted) to {@code out} as they arrive. */
  public void metrics(String nodeId, int intervalSeconds, long count, Consumer<Metrics.Sample> out) {
    GetMetricsRequest request = GetMetricsRequest.newBuilder().setNodeId(nodeId).setIntervalSeconds(intervalSeconds)
        .build();
    stream(() -> streaming.getMetrics(request), count, (MetricsResponse r) -> out.accept(NodeAnswers.sample(r)));
  }

  /** Hands events matching {@code types} (empty = all) to {@code out} until {@code count} arrived (0 = no end). */
  public void events(List<String> types, long count, Consumer<Event> out) {
    GetEventsRequest request = GetEventsRequest.newBuilder().addAllEventTypes(types).build();
    stream(() -> streaming.getEvents(request), count, (NodeEvent e) -> out.accept(NodeAnswers.event(e)));
  }

  /**
   * Deploys a Compose project read from {@code composeFile}, whose directory names the deployment when neither
   * {@code deploymentId}, {@code name} nor the file does.
   */
  public Deployed deploy(ComposeProject project, Path composeFile, String name, String deploymentId,
      Map<String, String> environment) {
    return deploy(project, composeFile, name, deploymentId, environment, PlacementChoice.HERE);
  }

  /** As above, on the node the placement chooses when it says anywhere. */
  public Deployed deploy(ComposeProject project, Path composeFile, String name, String deploymentId,
      Map<String, String> environment, PlacementChoice placement) {
    DeployRequest.Builder request = DeployRequest.newBuilder().setSpec(ComposeWire.spec(project))
        .setName(name == null ? "" : name)
        .setDeploymentId(deploymentId != null && !deploymentId.isEmpty() ? deploymentId
            : defaultDeploymentId(composeFile, name, project))
        .putAllEnvironment(environment);
    if (placement.anywhere()) {
      request.setPlacement(Placement.newBuilder().setAnywhere(true).setRegion(placement.region())
          .putAllConstraints(placement.constraints())
          .setStrategy(placement.strategy().equals("spread") ? PlacementStrategy.PLACEMENT_STRATEGY_SPREAD
              : PlacementStrategy.PLACEMENT_STRATEGY_BINPACK));
    } else if (!placement.allocationId().isEmpty()) {
      request.setPlacement(Placement.newBuilder().setAllocationId(placement.allocationId()));
    }
    return call(() -> WorkloadAnswers.deployed(unary.deploy(request.build())));
  }

  /** As {@code docker compose} names a project: {@code --name}, else the file's {@code name:}, else its directory. */
  static String defaultDeploymentId(Path composeFile, String name, ComposeProject project) {
    Path dir = composeFile.toAbsolutePath().normalize().getParent();
    return DeploymentIds.firstFrom(name, project.name(),
        dir == null || dir.getFileName() == null ? "" : dir.getFileName().toString());
  }

  public List<Deployment> deployments() {
    return call(() -> admin.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList()
        .stream().map(WorkloadAnswers::deployment).toList());
  }

  /** One page of the audit trail. */
  public AuditPage audit(AuditFilter filter) {
    QueryAuditRequest.Builder request = QueryAuditRequest.newBuilder();
    if (filter.since() != null) {
      request.setSinceMillis(filter.since().toEpochMilli());
    }
    if (filter.until() != null) {
      request.setUntilMillis(filter.until().toEpochMilli());
    }
    if (filter.limit() != null) {
      request.setLimit(filter.limit());
    }
    request.setPrincipal(orEmpty(filter.principal())).setAction(orEmpty(filter.action()))
        .setPermission(orEmpty(filter.permission())).setOutcome(orEmpty(filter.outcome()))
        .setPageToken(orEmpty(filter.pageToken()));
    return call(() -> NodeAnswers.audit(admin.queryAudit(request.build())));
  }

  /**
   * Challenges {@code provider} (a PeerId or node id) and answers the scored result; {@code model} names the model
   * of a model challenge (empty otherwise).
   */
  public QosAnswers.Challenge qosChallenge(String provider, String type, long difficulty, String model,
      int deadlineMs) {
    return call(() -> QosAnswers.challenge(qos.issueChallenge(IssueChallengeRequest.newBuilder()
        .setProvider(provider).setType(type).setDifficulty(difficulty).setModel(model).setDeadlineMs(deadlineMs)
        .build())));
  }

  public QosAnswers.Score qosScore(String provider) {
    return call(() -> QosAnswers.score(qos.getProviderScore(GetProviderRequest.newBuilder().setProvider(provider)
        .build())));
  }

  public QosAnswers.State qosState(String provider) {
    return call(() -> QosAnswers.state(qos.getProviderState(GetProviderRequest.newBuilder().setProvider(provider)
        .build())));
  }

  /** {@code limit} 0 for the node's default; {@code pageToken} null for the first page. */
  public QosAnswers.Challenges qosHistory(String provider, int limit, String pageToken) {
    return call(() -> QosAnswers.challenges(qos.getProviderHistory(GetProviderHistoryRequest.newBuilder()
        .setProvider(provider).setLimit(limit).setPageToken(orEmpty(pageToken)).build())));
  }

  /** {@code limit} 0 for the node's default; {@code pageToken} null for the first page. */
  public QosAnswers.Slashes qosSlashes(String provider, int limit, String pageToken) {
    return call(() -> QosAnswers.slashes(qos.listProviderSlashes(
        ai.hanzo.node.api.v1.ListProviderSlashesRequest.newBuilder().setProvider(provider).setLimit(limit)
            .setPageToken(orEmpty(pageToken)).build())));
  }

  /** One page of the inference usage, with the totals per organisation and model, and the compute usage. */
  public UsageReport usage(UsageFilter filter) {
    QueryUsageRequest.Builder request = QueryUsageRequest.newBuilder();
    if (filter.since() != null) {
      request.setSince(filter.since().toString());
    }
    if (filter.until() != null) {
      request.setUntil(filter.until().toString());
    }
    if (filter.limit() != null) {
      request.setLimit(filter.limit());
    }
    request.setOrg(orEmpty(filter.org())).setModel(orEmpty(filter.model())).setPageToken(orEmpty(filter.pageToken()))
        .setDeploymentId(orEmpty(filter.deploymentId())).setGranularity(orEmpty(filter.granularity()));
    return call(() -> NodeAnswers.usage(admin.queryUsage(request.build())));
  }

  /** A usage statement of the filter's range, signed by the node: the JSON document to save and verify. */
  public String exportUsage(UsageFilter filter) {
    QueryUsageRequest.Builder request = QueryUsageRequest.newBuilder();
    if (filter.since() != null) {
      request.setSince(filter.since().toString());
    }
    if (filter.until() != null) {
      request.setUntil(filter.until().toString());
    }
    request.setOrg(orEmpty(filter.org())).setDeploymentId(orEmpty(filter.deploymentId()));
    return call(() -> admin.exportUsage(request.build()).getJson());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A deployment (with each replica's state) by id, else a container by id or name. */
  public Inspected inspect(String idOrName) {
    return call(() -> {
      try {
        return new Inspected(WorkloadAnswers.deployment(admin.getDeployment(GetDeploymentRequest.newBuilder()
            .setDeploymentId(idOrName).build())), null);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
          throw e;
        }
        return new Inspected(null, WorkloadAnswers.container(unary.inspectContainer(InspectContainerRequest
            .newBuilder().setContainerId(idOrName).build())));
      }
    });
  }

  public List<Container> containers(boolean all) {
    return call(() -> unary.listContainers(ListContainersRequest.newBuilder().setAll(all).build())
        .getContainersList().stream().map(WorkloadAnswers::container).toList());
  }

  public Scaled scale(String deploymentId, String service, int replicas) {
    return call(() -> WorkloadAnswers.scaled(unary.scale(ScaleRequest.newBuilder().setDeploymentId(deploymentId)
        .setServiceName(service).setReplicas(replicas).build())));
  }

  public Done stop(String deploymentId, boolean force) {
    return call(() -> {
      var r = unary.stop(StopRequest.newBuilder().setDeploymentId(deploymentId).setForce(force).build());
      return new Done(r.getSuccess(), r.getMessage());
    });
  }

  public List<Peer> peers(boolean all) {
    return call(() -> admin.listPeers(ListPeersRequest.newBuilder().setAll(all).build()).getPeersList().stream()
        .map(NetworkAnswers::peer).toList());
  }

  public Network network() {
    return call(() -> NetworkAnswers.network(admin.getNetwork(GetNetworkRequest.getDefaultInstance())));
  }

  /**
   * Publishes a signed command for another node on the network (SendCommand).
   *
   * @param action drain, cordon or uncordon
   */
  public CommandSent sendCommand(String target, String action, java.time.Duration ttl,
      java.time.Duration drainDeadline) {
    NetworkCommandType type = NetworkCommandType.valueOf("NETWORK_COMMAND_TYPE_"
        + action.toUpperCase(java.util.Locale.ROOT));
    return call(() -> NetworkAnswers.sent(admin.sendCommand(SendCommandRequest.newBuilder().setTarget(target)
        .setType(type).setTtlSeconds((int) ttl.toSeconds())
        .setDrainDeadlineSeconds((int) Math.min(Integer.MAX_VALUE, drainDeadline.toSeconds())).build())));
  }

  /** The compute pools the node is configured with, each as it stands now. */
  public List<Pool> pools() {
    return call(() -> PoolAnswers.pools(admin.listPools(ListPoolsRequest.getDefaultInstance())));
  }

  /** One pool; NOT_FOUND when the node has none of that id. */
  public Pool pool(String id) {
    return call(() -> PoolAnswers.pool(admin.getPool(GetPoolRequest.newBuilder().setId(id)
        .build())));
  }

  /** A pool's members with their free capacity and state. */
  public List<PoolMember> poolMembers(String id) {
    return call(() -> PoolAnswers.members(admin.listPoolNodes(ListPoolNodesRequest.newBuilder()
        .setId(id).build())));
  }

  /** Holds capacity on {@code count} nodes; RESOURCE_EXHAUSTED naming every refused candidate when too few can. */
  public Allocation allocate(AllocationAsk ask) {
    return call(() -> AllocationAnswers.allocation(admin.allocate(AllocationAnswers.request(ask))));
  }

  /** One allocation made through this node; NOT_FOUND when the caller's org has none of that id. */
  public Allocation allocation(String id) {
    return call(() -> AllocationAnswers.allocation(admin.getAllocation(
        ai.hanzo.node.api.v1.GetAllocationRequest.newBuilder().setId(id).build())));
  }

  /** The allocations made through this node that the caller's org owns. */
  public List<Allocation> allocations() {
    return call(() -> AllocationAnswers.allocations(admin.listAllocations(
        ai.hanzo.node.api.v1.ListAllocationsRequest.getDefaultInstance())));
  }

  /** Gives every node's hold of an allocation back. */
  public Allocation.Released releaseAllocation(String id) {
    return call(() -> AllocationAnswers.released(admin.releaseAllocation(
        ai.hanzo.node.api.v1.ReleaseAllocationRequest.newBuilder().setId(id).build())));
  }

  public List<Provider> providers(String capability, int limit) {
    return call(() -> NetworkAnswers.providers(admin.findProviders(FindProvidersRequest.newBuilder()
        .setCapability(capability).setLimit(limit).build())));
  }

  /** Registers the node in the operator registry with {@code stakeWei} added to the operator's stake. */
  public OperatorTx registerOperator(String stakeWei, String endpoint, String capabilitiesHash) {
    return call(() -> OperatorAnswers.transaction(admin.registerOperator(
        ai.hanzo.node.api.v1.RegisterOperatorRequest.newBuilder().setStakeWei(stakeWei).setEndpoint(endpoint)
            .setCapabilitiesHash(capabilitiesHash).build())));
  }

  /** @param operator empty for the node's own operator account */
  public OperatorInfo operatorStatus(String operator) {
    return call(() -> OperatorAnswers.status(admin.getOperatorStatus(
        ai.hanzo.node.api.v1.GetOperatorStatusRequest.newBuilder().setOperator(operator).build())));
  }

  /** @param action "increase" or "decrease" */
  public OperatorTx changeStake(String operator, String action, String amountWei) {
    return call(() -> OperatorAnswers.transaction(admin.changeStake(ai.hanzo.node.api.v1.ChangeStakeRequest
        .newBuilder().setOperator(operator).setAction(action).setAmount(amountWei).build())));
  }

  public OperatorTx exitOperator(String operator) {
    return call(() -> OperatorAnswers.transaction(admin.exitOperator(ai.hanzo.node.api.v1.ExitOperatorRequest
        .newBuilder().setOperator(operator).build())));
  }

  /** @param nodeId empty for the node itself */
  public OperatorTx deregisterNode(String operator, String nodeId) {
    return call(() -> OperatorAnswers.transaction(admin.deregisterNode(ai.hanzo.node.api.v1.DeregisterNodeRequest
        .newBuilder().setOperator(operator).setNodeId(nodeId).build())));
  }

  public OperatorTx withdrawStake(String operator) {
    return call(() -> OperatorAnswers.transaction(admin.withdrawStake(ai.hanzo.node.api.v1.WithdrawStakeRequest
        .newBuilder().setOperator(operator).build())));
  }

  /** The running node's images, sorted by name. */
  public java.util.List<RemoteImage> images() {
    return call(() -> admin.listImages(ai.hanzo.node.api.v1.ListImagesRequest.getDefaultInstance()).getImagesList()
        .stream().map(AdminAnswers::image).toList());
  }

  /** Has the node pull {@code name}; a pull may take long, so it has no response timeout of its own. */
  public RemoteImage pullImage(String name) {
    NodeAdminServiceGrpc.NodeAdminServiceBlockingStub pulling = builder().responseTimeoutMillis(0)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
    return call(() -> AdminAnswers.image(pulling.pullImage(ai.hanzo.node.api.v1.PullImageRequest.newBuilder()
        .setName(name).build())));
  }

  public void removeImage(String name) {
    call(() -> admin.removeImage(ai.hanzo.node.api.v1.RemoveImageRequest.newBuilder().setName(name).build()));
  }

  /** The running node's models, sorted by name. */
  public java.util.List<RemoteModel> models() {
    return call(() -> inference(settings.timeout().toMillis()).listModels(
        ai.hanzo.node.api.v1.ListModelsRequest.getDefaultInstance()).getModelsList().stream()
        .map(RemoteModel::of).toList());
  }

  /** Has the node pull a model artifact; a pull may take long, so it has no response timeout of its own. */
  public RemoteModel pullModel(String reference, java.util.Optional<String> name) {
    return call(() -> RemoteModel.of(inference(0).pullModel(ai.hanzo.node.api.v1.PullModelRequest.newBuilder()
        .setReference(reference).setName(name.orElse("")).build())));
  }

  /** Has the node copy {@code file}, a GGUF file of its own machine, into its store. */
  public RemoteModel loadModel(Path file, java.util.Optional<String> name) {
    return call(() -> RemoteModel.of(inference(0).loadModel(ai.hanzo.node.api.v1.LoadModelRequest.newBuilder()
        .setPath(file.toAbsolutePath().toString()).setName(name.orElse("")).build())));
  }

  /**
   * Streams {@code file}, a GGUF file of this machine, into the node's store as {@code name} (UploadModel), for a
   * node elsewhere; without a response timeout (the node ends an upload that stalls).
   */
  public RemoteModel uploadModel(Path file, String name) {
    return call(() -> RemoteModel.of(ModelUpload.send(builder().responseTimeoutMillis(0)
        .build(ai.hanzo.node.api.v1.InferenceServiceGrpc.InferenceServiceStub.class), file, name)));
  }

  /** Whether the endpoint is a loopback address: the node then runs on this machine and can read its files. */
  public boolean onThisMachine() {
    String host = java.net.URI.create(settings.uri()).getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses: a name is not looked up here, and one that is not loopback counts as elsewhere.
      return (host.matches("[0-9.]+") || host.startsWith("[")) && java.net.InetAddress.getByName(host)
          .isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Registers a model of kind openai-upstream; the API key stays where {@code apiKeyFile}/{@code apiKeyEnv} say. */
  public RemoteModel addUpstreamModel(UpstreamSpec spec) {
    return call(() -> RemoteModel.of(inference(settings.timeout().toMillis()).addUpstreamModel(
        ai.hanzo.node.api.v1.AddUpstreamModelRequest.newBuilder().setName(spec.name()).setUrl(spec.url())
            .setUpstreamModel(spec.upstreamModel()).setApiKeyFile(spec.apiKeyFile()).setApiKeyEnv(spec.apiKeyEnv())
            .setMaxInFlight(spec.maxInFlight()).setConnectTimeoutMs(spec.connectTimeoutMs())
            .setHeadersTimeoutMs(spec.headersTimeoutMs()).setIdleTimeoutMs(spec.idleTimeoutMs())
            .setContextLength(spec.contextLength()).build())));
  }

  public RemoteModel inspectModel(String name) {
    return call(() -> RemoteModel.of(inference(settings.timeout().toMillis()).inspectModel(
        ai.hanzo.node.api.v1.InspectModelRequest.newBuilder().setName(name).build())));
  }

  public void removeModel(String name) {
    call(() -> inference(settings.timeout().toMillis()).removeModel(
        ai.hanzo.node.api.v1.RemoveModelRequest.newBuilder().setName(name).build()));
  }

  private ai.hanzo.node.api.v1.InferenceServiceGrpc.InferenceServiceBlockingStub inference(long timeoutMillis) {
    return builder().responseTimeoutMillis(timeoutMillis)
        .build(ai.hanzo.node.api.v1.InferenceServiceGrpc.InferenceServiceBlockingStub.class);
  }

  /** @param ttl {@code null} for a key that does not expire */
  public RemoteKey.Created createKey(String name, String role, String org, java.time.Duration ttl,
      java.util.List<String> allowedCidrs, Integer requestsPerMinute) {
    ai.hanzo.node.api.v1.CreateApiKeyRequest.Builder request = ai.hanzo.node.api.v1.CreateApiKeyRequest.newBuilder()
        .setName(name == null ? "" : name).setRole(role).setOrg(org == null ? "" : org)
        .addAllAllowedCidrs(allowedCidrs);
    if (ttl != null) {
      request.setExpiresInSeconds(ttl.toSeconds());
    }
    if (requestsPerMinute != null) {
      request.setRequestsPerMinute(requestsPerMinute);
    }
    var created = call(() -> admin.createApiKey(request.build()));
    return new RemoteKey.Created(AdminAnswers.key(created.getKey()), created.getSecret());
  }

  public java.util.List<RemoteKey> keys() {
    return call(() -> admin.listApiKeys(ai.hanzo.node.api.v1.ListApiKeysRequest.getDefaultInstance())
        .getKeysList().stream().map(AdminAnswers::key).toList());
  }

  /** NOT_FOUND (a NodeException) for an unknown id. */
  public RemoteKey revokeKey(String id) {
    return call(() -> AdminAnswers.key(admin.revokeApiKey(ai.hanzo.node.api.v1.RevokeApiKeyRequest.newBuilder()
        .setId(id).build())));
  }

  public void setBinding(String subject, java.util.List<String> roles) {
    call(() -> admin.setBinding(ai.hanzo.node.api.v1.SetBindingRequest.newBuilder().setSubject(subject)
        .addAllRoles(roles).build()));
  }

  /** Subject to roles, sorted by subject. */
  public java.util.SortedMap<String, java.util.List<String>> bindings() {
    java.util.SortedMap<String, java.util.List<String>> all = new java.util.TreeMap<>();
    call(() -> admin.listBindings(ai.hanzo.node.api.v1.ListBindingsRequest.getDefaultInstance()))
        .getBindingsList().forEach(b -> all.put(b.getSubject(), java.util.List.copyOf(b.getRolesList())));
    return all;
  }

  /** NOT_FOUND (a NodeException) when the subject has no binding. */
  public void removeBinding(String subject) {
    call(() -> admin.removeBinding(ai.hanzo.node.api.v1.RemoveBindingRequest.newBuilder().setSubject(subject)
        .build()));
  }

  public Scheduling cordon() {
    return scheduling(() -> admin.cordon(CordonRequest.getDefaultInstance()));
  }

  public Scheduling drain(java.time.Duration deadline) {
    return scheduling(() -> admin.drain(DrainRequest.newBuilder()
        .setDeadlineSeconds((int) Math.min(Integer.MAX_VALUE, deadline.toSeconds())).build()));
  }

  public Scheduling uncordon() {
    return scheduling(() -> admin.uncordon(UncordonRequest.getDefaultInstance()));
  }

  private Scheduling scheduling(java.util.function.Supplier<SchedulingStatus> rpc) {
    return call(() -> NodeAnswers.scheduling(rpc.get()));
  }

  public Done remove(String deploymentId, boolean removeVolumes) {
    return call(() -> {
      var r = unary.remove(RemoveRequest.newBuilder().setDeploymentId(deploymentId).setRemoveVolumes(removeVolumes)
          .build());
      return new Done(r.getSuccess(), r.getMessage());
    });
  }

  /** Hands log lines to {@code out}; with {@code follow}, until interrupted. {@code sinceEpochSeconds} 0 means all. */
  public void logs(String deploymentId, String service, int tail, long sinceEpochSeconds, boolean follow,
      Consumer<LogLine> out) {
    GetLogsRequest request = GetLogsRequest.newBuilder().setDeploymentId(deploymentId).setServiceName(service)
        .setTail(tail).setSince(sinceEpochSeconds).setFollow(follow).build();
    stream(() -> streaming.getLogs(request), 0, (LogEntry e) -> out.accept(WorkloadAnswers.logLine(e)));
  }

  /** Runs {@code command} in the container with {@code stdin} piped to it; returns its exit code. */
  public int exec(String containerId, List<String> command, boolean tty, InputStream stdin, OutputStream stdout,
      OutputStream stderr) {
    return exec(containerId, command, tty, ExecTerminal.NONE, stdin, stdout, stderr);
  }

  /** As above; with {@code tty}, the terminal's size goes with the start and again on each change. */
  public int exec(String containerId, List<String> command, boolean tty, ExecTerminal terminal, InputStream stdin,
      OutputStream stdout, OutputStream stderr) {
    return call(() -> {
      try {
        return ExecCall.run(async, containerId, command, tty, terminal, stdin, stdout, stderr);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the command in "
            + containerId);
      }
    });
  }

  private <T> void stream(java.util.function.Supplier<Iterator<T>> open, long count, Consumer<T> each) {
    // A cancellable context: leaving early (count reached) cancels the call on the node instead of leaking it.
    Context.CancellableContext ctx = Context.current().withCancellation();
    try {
      ctx.run(() -> call(() -> {
        Iterator<T> it = open.get();
        long seen = 0;
        while ((count == 0 || seen < count) && it.hasNext()) {
          each.accept(it.next());
          seen++;
        }
        return null;
      }));
    } finally {
      ctx.cancel(null);
    }
  }

  private <T> T call(java.util.function.Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      if (Unreachable.isUnreachable(e)) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "cannot reach a node at " + settings.endpoint() + ": "
            + Unreachable.why(e, seconds(settings.timeout())) + "; is it running? Check --endpoint or HANZO_ENDPOINT");
      }
      throw ErrorMapper.toNodeException(e);
    }
  }

  private static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  @Override
  public void close() {
    factory.close();
  }
}
