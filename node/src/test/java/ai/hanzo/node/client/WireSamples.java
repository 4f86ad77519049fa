package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.ConsensusStatus;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.DrainPhase;
import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.GpuInfo;
import ai.hanzo.node.api.v1.HealthCheckResult;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.NodeCapabilities;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.ProviderInfo;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.RemoveResponse;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.api.v1.SendCommandResponse;
import ai.hanzo.node.api.v1.StopResponse;
import ai.hanzo.node.api.v1.TopicInfo;
import java.util.List;

/**
 * One answer of each kind a client subcommand prints, as the node sends it and as the client's record of it: every
 * field set (and some sub-messages left unset, which proto3 JSON leaves out), with text that JSON must escape. The
 * CLI's output of these is pinned in {@code src/test/resources/cli-output/}, written from the wire messages by the
 * protobuf-JSON renderer the CLI had before its answers became records.
 */
public final class WireSamples {
  static final String TRICKY = "a \"quoted\" <b> & c=d 'e' é\ttab\\";

  private WireSamples() {}

  public static Health health() {
    return NodeAnswers.health(healthWire());
  }

  public static Health bareHealth() {
    return NodeAnswers.health(bareHealthWire());
  }

  public static NodeStatus status() {
    return NodeAnswers.status(statusWire());
  }

  public static Metrics.Sample metricsSample() {
    return NodeAnswers.sample(metricsSampleWire());
  }

  public static Event event() {
    return NodeAnswers.event(eventWire());
  }

  public static Deployed deployed() {
    return WorkloadAnswers.deployed(deployedWire());
  }

  public static List<Deployment> deployments() {
    return deploymentsWire().getDeploymentsList().stream().map(WorkloadAnswers::deployment).toList();
  }

  public static Inspected inspectedDeployment() {
    return new Inspected(WorkloadAnswers.deployment(deploymentWire()), null);
  }

  public static Inspected inspectedContainer() {
    return new Inspected(null, WorkloadAnswers.container(containerWire()));
  }

  public static List<Container> containers() {
    return containersWire().getContainersList().stream().map(WorkloadAnswers::container).toList();
  }

  public static Scaled scaled() {
    return WorkloadAnswers.scaled(scaledWire());
  }

  public static Done stopped() {
    return new Done(stoppedWire().getSuccess(), stoppedWire().getMessage());
  }

  public static Done removed() {
    return new Done(removedWire().getSuccess(), removedWire().getMessage());
  }

  public static Scheduling scheduling() {
    return NodeAnswers.scheduling(schedulingWire());
  }

  public static LogLine logLine() {
    return WorkloadAnswers.logLine(logLineWire());
  }

  public static AuditPage audit() {
    return NodeAnswers.audit(auditWire());
  }

  public static List<Peer> peers() {
    return peersWire().getPeersList().stream().map(NetworkAnswers::peer).toList();
  }

  public static Network network() {
    return NetworkAnswers.network(networkWire());
  }

  public static CommandSent sent() {
    return NetworkAnswers.sent(sentWire());
  }

  public static List<Provider> providers() {
    return NetworkAnswers.providers(providersWire());
  }

  public static UsageReport usage() {
    return NodeAnswers.usage(usageWire());
  }

  /** One request, its total, and compute of two deployments: one with GPUs and network, one with neither. */
  public static ai.hanzo.node.api.v1.QueryUsageResponse usageWire() {
    return ai.hanzo.node.api.v1.QueryUsageResponse.newBuilder()
        .addRecords(ai.hanzo.node.api.v1.UsageEntry.newBuilder().setTime("2026-03-01T10:15:00.250Z")
            .setRequestId("chatcmpl-1").setModel("tiny").setSubject("apikey:k1").setOrg("acme").setApi("chat")
            .setPromptTokens(12).setCompletionTokens(30).setFinishReason("stop").setDurationMillis(840))
        .addTotals(ai.hanzo.node.api.v1.UsageTotal.newBuilder().setOrg("acme").setModel("tiny").setRequests(1)
            .setPromptTokens(12).setCompletionTokens(30).setTotalTokens(42))
        .setTotalsComplete(true)
        .addCompute(ai.hanzo.node.api.v1.ComputeUsage.newBuilder().setOrg("acme").setDeploymentId("trainer")
            .setStart("2026-03-01T10:00:00Z").setEnd("2026-03-01T11:00:00Z").setCpuSeconds(1800.5)
            .setMemoryGibSeconds(7200.25).setIntervals(2).setGpuSeconds(7200).setNetworkRxBytes(123456789)
            .setNetworkTxBytes(1024))
        .addCompute(ai.hanzo.node.api.v1.ComputeUsage.newBuilder().setDeploymentId("web")
            .setStart("2026-03-01T10:00:00Z").setEnd("2026-03-01T11:00:00Z").setCpuSeconds(3.25)
            .setMemoryGibSeconds(0.125).setIntervals(1))
        .setComputeComplete(true).build();
  }

  private static NodeMetrics metricsWire() {
    return NodeMetrics.newBuilder().setCpuUsage(0.125).setMemoryUsage(0.5).setDiskUsage(1.0)
        .setNetworkRxBytes(123456789.0).setNetworkTxBytes(1024).setActiveContainers(3).build();
  }

  private static GetHealthResponse healthWire() {
    return GetHealthResponse.newBuilder().setStatus(HealthStatus.HEALTH_STATUS_HEALTHY).setVersion("0.1.0")
        .setMlxEnabled(true).addModels("llama").addModels("qwen")
        .setConsensus(ConsensusStatus.newBuilder().setSynced(true).setBlockHeight(9_007_199_254_740_993L)
            .setNetworkId("1337"))
        .addChecks(HealthCheckResult.newBuilder().setName("storage").setStatus(HealthStatus.HEALTH_STATUS_HEALTHY)
            .setReason("ok"))
        .addChecks(HealthCheckResult.newBuilder().setName("p2p").setStatus(HealthStatus.HEALTH_STATUS_DEGRADED)
            .setReason(TRICKY))
        .build();
  }

  /** No consensus sub-message and no models: JSON leaves the one out and prints the other empty. */
  private static GetHealthResponse bareHealthWire() {
    return GetHealthResponse.newBuilder().setVersion("0.1.0").build();
  }

  private static ReplicaStatus replicaWire(int n, String state, String reason) {
    return ReplicaStatus.newBuilder().setService("web").setReplica(n).setName("shop-web-" + n)
        .setContainerId(n == 1 ? "" : "c" + n).setState(state).setReason(reason).setMessage(n == 1 ? TRICKY : "")
        .setExitCode(-1).setRestartCount(n).setNextRetryMillis(n == 1 ? 1_700_000_000_123L : 0).setReady(n == 2)
        .build();
  }

  private static DeploymentStatus deploymentWire() {
    return DeploymentStatus.newBuilder().setDeploymentId("shop-1").setName("shop").setStatus("RUNNING")
        .setReplicas(3).setReadyReplicas(1).setUpdatedReplicas(1)
        .addReplicaStatuses(replicaWire(1, "waiting", "ImageNotFound"))
        .addReplicaStatuses(replicaWire(2, "running", ""))
        .addReplicaStatuses(replicaWire(3, "waiting", "CrashLoopBackOff")).build();
  }

  private static GetStatusResponse statusWire() {
    return GetStatusResponse.newBuilder().setState(NodeState.NODE_STATE_READY).setUptimeSeconds(93_784)
        .setMetrics(metricsWire()).addDeployments(deploymentWire())
        .addDeployments(DeploymentStatus.newBuilder().setDeploymentId("empty").build()).build();
  }

  private static MetricsResponse metricsSampleWire() {
    return MetricsResponse.newBuilder().setTimestamp(1_700_000_000L).setMetrics(metricsWire()).build();
  }

  private static NodeEvent eventWire() {
    return NodeEvent.newBuilder().setTimestamp(1_700_000_001L).setEventType("deployment.created")
        .setResourceType("deployment").setResourceId("shop-1").setMessage(TRICKY).putAttributes("z", "1")
        .putAttributes("a", "2").build();
  }

  private static DeployResponse deployedWire() {
    return DeployResponse.newBuilder().setSuccess(true).setDeploymentId("shop-1").setMessage("deployed")
        .addEndpoints("127.0.0.1:8080").addEndpoints("127.0.0.1:8443").setNodeId("node-c").build();
  }

  private static ListDeploymentsResponse deploymentsWire() {
    return ListDeploymentsResponse.newBuilder().addDeployments(deploymentWire())
        .addDeployments(DeploymentStatus.newBuilder().setDeploymentId("other").setName("o").setStatus("STOPPED")
            .setNodeId("node-c"))
        .build();
  }

  private static ContainerInfo containerWire() {
    return ContainerInfo.newBuilder().setId("c1").setName("shop-web-1").setImage("nginx:1.27").setStatus("Up 3s")
        .setState("waiting").setCreated(1_700_000_002L).addPorts("80:8080").addPorts("443").putLabels("b", "2")
        .putLabels("a", TRICKY).setReason("CrashLoopBackOff").setMessage("exit 1").setRestartCount(4)
        .setNextRetryMillis(1_700_000_003_000L).build();
  }

  private static ListContainersResponse containersWire() {
    return ListContainersResponse.newBuilder().addContainers(containerWire())
        .addContainers(ContainerInfo.newBuilder().setId("c2").setName("bare")).build();
  }

  private static ScaleResponse scaledWire() {
    return ScaleResponse.newBuilder().setSuccess(true).setMessage("web scaled to 3").setPreviousReplicas(1)
        .setCurrentReplicas(3).build();
  }

  private static StopResponse stoppedWire() {
    return StopResponse.newBuilder().setSuccess(true).setMessage("stopping shop-1").build();
  }

  private static RemoveResponse removedWire() {
    return RemoveResponse.newBuilder().setMessage("removed shop-1").build();
  }

  private static SchedulingStatus schedulingWire() {
    return SchedulingStatus.newBuilder().setCordoned(true).setDrain(DrainPhase.DRAIN_PHASE_DRAINING)
        .setDeployments(2).setMessage("draining 2 deployments").build();
  }

  private static LogEntry logLineWire() {
    return LogEntry.newBuilder().setTimestamp(1_700_000_004L).setService("web").setContainerId("c1")
        .setStream("stdout").setMessage("GET / 200 " + TRICKY).build();
  }

  private static QueryAuditResponse auditWire() {
    return QueryAuditResponse.newBuilder().addRecords(AuditRecord.newBuilder().setTimestampMillis(1_700_000_005_000L)
        .setPrincipal("key:k1").setAction("/hanzo.node.v1.NodeService/Deploy").setResource("shop-1")
        .setOutcome("allowed").setRemote("127.0.0.1").putDetails("org", "acme").putDetails("permission", "deploy"))
        .addRecords(AuditRecord.newBuilder().setPrincipal("anonymous").setOutcome("denied"))
        .setNextPageToken("tok=1").build();
  }

  private static ListPeersResponse peersWire() {
    PeerInfo announced = PeerInfo.newBuilder().setPeerId("12D3KooWA").addAddresses("/ip4/10.0.0.1/tcp/4001")
        .addAddresses("/ip4/10.0.0.2/tcp/4001").addProtocols("/ipfs/id/1.0.0").setAgentVersion("hanzo-node/0.1.0")
        .setConnected(true).setDirection("outbound").setRttMs(1.25).setLastSeen(1_700_000_006L).setNodeId("node-a")
        .setState(NodeState.NODE_STATE_READY)
        .setCapabilities(NodeCapabilities.newBuilder().setCpuCores(8).setMemoryBytes(17_179_869_184L)
            .setDiskBytes(1L << 40).addGpus(GpuInfo.newBuilder().setModel("H100").setMemoryBytes(80L << 30)
                .setDriverVersion("550")).setMlxEnabled(false).addSupportedRuntimes("process")
            .addSupportedRuntimes("runc").setRegion("eu").setZone("eu-1"))
        .setLastHeartbeat(1_700_000_007L).setMetrics(metricsWire()).addApiEndpoints("10.0.0.1:50051")
        .setOperatorAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").setStaked(true)
        .setStakeWei("2000000000000000000").setBoundOperator("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").build();
    PeerInfo known = PeerInfo.newBuilder().setPeerId("12D3KooWB").setLastSeen(1_700_000_008L).build();
    return ListPeersResponse.newBuilder().addPeers(announced).addPeers(known).build();
  }

  private static NetworkInfo networkWire() {
    return NetworkInfo.newBuilder().setPeerId("12D3KooWA").addListenAddresses("/ip4/0.0.0.0/tcp/4001")
        .addListenAddresses("/ip6/::/tcp/4001").setNetworkId("1337").setConnectedPeers(2).setKnownPeers(5)
        .setMdns(true).setMaxPeers(50).setAgentVersion("hanzo-node/0.1.0")
        .addTopics(TopicInfo.newBuilder().setTopic("hanzo/heartbeat").setMeshPeers(2).setTopicPeers(3))
        .addTopics(TopicInfo.newBuilder().setTopic("hanzo/commands")).setDhtMode("server").setRoutingTableSize(4)
        .build();
  }

  private static SendCommandResponse sentWire() {
    return SendCommandResponse.newBuilder().setCommandId("cmd-1").setExpiresAtMs(1_700_000_009_000L).setPeers(2)
        .build();
  }

  private static FindProvidersResponse providersWire() {
    return FindProvidersResponse.newBuilder().addProviders(ProviderInfo.newBuilder().setPeerId("12D3KooWA")
        .addAddresses("/ip4/10.0.0.1/tcp/4001").addAddresses("/ip4/10.0.0.2/tcp/4001").setNodeId("node-a"))
        .addProviders(ProviderInfo.newBuilder().setPeerId("12D3KooWB")).build();
  }
}
