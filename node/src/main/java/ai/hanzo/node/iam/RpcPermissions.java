package ai.hanzo.node.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE table of which permission each RPC and each HTTP route needs. A test reads the generated
 * service descriptors and the route registrations and fails when anything lacks an entry here.
 * Anything not in the table is refused by the transports, so a forgotten entry fails closed.
 */
public final class RpcPermissions {
  public static final String NODE_SERVICE = "hanzo.node.v1.NodeService/";
  public static final String ADMIN_SERVICE = "hanzo.node.v1.NodeAdminService/";
  public static final String INFERENCE_SERVICE = "hanzo.node.v1.InferenceService/";
  public static final String QOS_SERVICE = "hanzo.node.v1.QosService/";

  private static final Permission HEALTH_READ = Permission.of("health", "read");
  private static final Permission METRICS_READ = Permission.of("metrics", "read");
  private static final Permission NODE_CREATE = Permission.of("node", "create");
  private static final Permission NODE_READ = Permission.of("node", "read");
  private static final Permission NODE_UPDATE = Permission.of("node", "update");
  private static final Permission DEPLOYMENT_CREATE = Permission.of("deployment", "create");
  private static final Permission DEPLOYMENT_READ = Permission.of("deployment", "read");
  private static final Permission DEPLOYMENT_UPDATE = Permission.of("deployment", "update");
  private static final Permission DEPLOYMENT_DELETE = Permission.of("deployment", "delete");
  private static final Permission LOGS_READ = Permission.of("logs", "read");
  private static final Permission EVENTS_READ = Permission.of("events", "read");
  private static final Permission CONTAINER_READ = Permission.of("container", "read");
  private static final Permission CONTAINER_EXECUTE = Permission.of("container", "execute");
  /**
   * Confirming registrations and queueing commands steer other nodes, cordon and drain this one: admins only, not
   * the node role.
   */
  private static final Permission ADMIN_MANAGE = Permission.of("admin", "manage");
  /** The audit trail names every caller and what they tried: admins only. */
  private static final Permission ADMIN_READ = Permission.of("admin", "read");
  /** Generating text (and embeddings) spends the node's compute: what an API key for a model's clients grants. */
  private static final Permission INFERENCE_EXECUTE = Permission.of("inference", "execute");
  /** Which models the node has, and which are loaded: readers may see it, as they see deployments. */
  private static final Permission MODELS_READ = Permission.of("models", "read");
  /** Loading and unloading models takes and frees the node's memory budget for every client: admins. */
  private static final Permission MODELS_MANAGE = Permission.of("models", "manage");
  /**
   * Inference usage names every caller, its organisation and how much it used: admins (an organisation's admin, a
   * key of that org with a role granting it, reads its organisation's only).
   */
  private static final Permission USAGE_READ = Permission.of("usage", "read");
  /** An operator's stake and registration: public on chain anyway, so every reader of the node may see them. */
  private static final Permission OPERATORS_READ = Permission.of("operators", "read");
  /** Registering and moving stake spend the operator's coin with the node's keystore: admins only. */
  private static final Permission OPERATORS_MANAGE = Permission.of("operators", "manage");
  /** Providers' scores, bans and challenge histories, and checking a proof (one hash and two signatures). */
  private static final Permission QOS_READ = Permission.of("qos", "read");
  /** A challenge spends the provider's compute and bandwidth in this node's name: admins. */
  private static final Permission QOS_CHALLENGE = Permission.of("qos", "challenge");
  /** Answering a challenge that came by the API, as libp2p peers do over /hanzo/qos/1.0.0: nodes. */
  private static final Permission QOS_RESPOND = Permission.of("qos", "respond");

  /** The compute pools and their members' free capacity: what viewers see of where work could go. */
  private static final Permission POOL_READ = Permission.of("pool", "read");
  /** The allocations of the caller's org made through this node. */
  private static final Permission ALLOCATION_READ = Permission.of("allocation", "read");
  /** Reserving capacity on other nodes (and giving it back): what deploying to them takes. */
  private static final Permission ALLOCATION_MANAGE = Permission.of("allocation", "manage");

  private static final Map<String, Permission> RPCS = Map.ofEntries(
      Map.entry(NODE_SERVICE + "GetHealth", HEALTH_READ),
      Map.entry(NODE_SERVICE + "GetStatus", METRICS_READ),
      Map.entry(NODE_SERVICE + "GetMetrics", METRICS_READ),
      Map.entry(NODE_SERVICE + "RegisterNode", NODE_CREATE),
      Map.entry(NODE_SERVICE + "Heartbeat", NODE_UPDATE),
      Map.entry(NODE_SERVICE + "UpdateCapabilities", NODE_UPDATE),
      Map.entry(NODE_SERVICE + "Deploy", DEPLOYMENT_CREATE),
      Map.entry(NODE_SERVICE + "Stop", DEPLOYMENT_UPDATE),
      Map.entry(NODE_SERVICE + "Scale", DEPLOYMENT_UPDATE),
      Map.entry(NODE_SERVICE + "Remove", DEPLOYMENT_DELETE),
      Map.entry(NODE_SERVICE + "GetLogs", LOGS_READ),
      Map.entry(NODE_SERVICE + "GetEvents", EVENTS_READ),
      Map.entry(NODE_SERVICE + "ListContainers", CONTAINER_READ),
      Map.entry(NODE_SERVICE + "InspectContainer", CONTAINER_READ),
      Map.entry(NODE_SERVICE + "ExecInContainer", CONTAINER_EXECUTE),
      Map.entry(ADMIN_SERVICE + "ConfirmRegistration", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "ListRegisteredNodes", NODE_READ),
      Map.entry(ADMIN_SERVICE + "GetRegisteredNode", NODE_READ),
      Map.entry(ADMIN_SERVICE + "QueueCommand", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "AckCommand", NODE_UPDATE),
      Map.entry(ADMIN_SERVICE + "ListDeployments", DEPLOYMENT_READ),
      Map.entry(ADMIN_SERVICE + "GetDeployment", DEPLOYMENT_READ),
      Map.entry(ADMIN_SERVICE + "Cordon", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "Drain", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "Uncordon", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "GetScheduling", NODE_READ),
      Map.entry(ADMIN_SERVICE + "ListPeers", NODE_READ),
      Map.entry(ADMIN_SERVICE + "GetNetwork", NODE_READ),
      Map.entry(ADMIN_SERVICE + "QueryAudit", ADMIN_READ),
      Map.entry(ADMIN_SERVICE + "QueryUsage", USAGE_READ),
      Map.entry(ADMIN_SERVICE + "ExportUsage", USAGE_READ),
      Map.entry(ADMIN_SERVICE + "SendCommand", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "FindProviders", NODE_READ),
      Map.entry(ADMIN_SERVICE + "ListPools", POOL_READ),
      Map.entry(ADMIN_SERVICE + "GetPool", POOL_READ),
      Map.entry(ADMIN_SERVICE + "ListPoolNodes", POOL_READ),
      Map.entry(ADMIN_SERVICE + "Allocate", ALLOCATION_MANAGE),
      Map.entry(ADMIN_SERVICE + "GetAllocation", ALLOCATION_READ),
      Map.entry(ADMIN_SERVICE + "ListAllocations", ALLOCATION_READ),
      Map.entry(ADMIN_SERVICE + "ReleaseAllocation", ALLOCATION_MANAGE),
      Map.entry(ADMIN_SERVICE + "ListImages", NODE_READ),
      Map.entry(ADMIN_SERVICE + "PullImage", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "RemoveImage", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "CreateApiKey", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "ListApiKeys", ADMIN_READ),
      Map.entry(ADMIN_SERVICE + "RevokeApiKey", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "SetBinding", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "ListBindings", ADMIN_READ),
      Map.entry(ADMIN_SERVICE + "RemoveBinding", ADMIN_MANAGE),
      Map.entry(ADMIN_SERVICE + "RegisterOperator", OPERATORS_MANAGE),
      Map.entry(ADMIN_SERVICE + "GetOperatorStatus", OPERATORS_READ),
      Map.entry(ADMIN_SERVICE + "ChangeStake", OPERATORS_MANAGE),
      Map.entry(ADMIN_SERVICE + "ExitOperator", OPERATORS_MANAGE),
      Map.entry(ADMIN_SERVICE + "DeregisterNode", OPERATORS_MANAGE),
      Map.entry(ADMIN_SERVICE + "WithdrawStake", OPERATORS_MANAGE),
      Map.entry(INFERENCE_SERVICE + "Generate", INFERENCE_EXECUTE),
      Map.entry(INFERENCE_SERVICE + "GenerateStream", INFERENCE_EXECUTE),
      Map.entry(INFERENCE_SERVICE + "Embed", INFERENCE_EXECUTE),
      Map.entry(INFERENCE_SERVICE + "ListModels", MODELS_READ),
      Map.entry(INFERENCE_SERVICE + "InspectModel", MODELS_READ),
      Map.entry(INFERENCE_SERVICE + "PullModel", MODELS_MANAGE),
      Map.entry(INFERENCE_SERVICE + "AddUpstreamModel", MODELS_MANAGE),
      Map.entry(INFERENCE_SERVICE + "LoadModel", MODELS_MANAGE),
      Map.entry(INFERENCE_SERVICE + "RemoveModel", MODELS_MANAGE),
      Map.entry(INFERENCE_SERVICE + "UploadModel", MODELS_MANAGE),
      Map.entry(QOS_SERVICE + "IssueChallenge", QOS_CHALLENGE),
      Map.entry(QOS_SERVICE + "ListChallenges", QOS_READ),
      Map.entry(QOS_SERVICE + "GetChallenge", QOS_READ),
      Map.entry(QOS_SERVICE + "VerifyProof", QOS_READ),
      Map.entry(QOS_SERVICE + "GetProviderScore", QOS_READ),
      Map.entry(QOS_SERVICE + "ListProviderScores", QOS_READ),
      Map.entry(QOS_SERVICE + "GetProviderState", QOS_READ),
      Map.entry(QOS_SERVICE + "GetProviderHistory", QOS_READ),
      Map.entry(QOS_SERVICE + "ListProviderSlashes", QOS_READ),
      Map.entry(QOS_SERVICE + "RespondChallenge", QOS_RESPOND));

  private static final List<RouteRule> ROUTES = List.of(
      new RouteRule("*", "/health", HEALTH_READ),
      new RouteRule("*", "/liveness", HEALTH_READ),
      new RouteRule("*", "/readiness", HEALTH_READ),
      new RouteRule("GET", "/v1/status", METRICS_READ),
      // Only the caller's own grants: whoever may ask for the node's health may ask who it is.
      new RouteRule("GET", "/v1/whoami", HEALTH_READ),
      new RouteRule("GET", "/metrics", METRICS_READ),
      new RouteRule("GET", "/v1/metrics", METRICS_READ),
      new RouteRule("*", "/ws/metrics", METRICS_READ),
      new RouteRule("POST", "/v1/nodes/register", NODE_CREATE),
      new RouteRule("POST", "/v1/nodes/{node_id}/heartbeat", NODE_UPDATE),
      new RouteRule("PUT", "/v1/nodes/{node_id}/capabilities", NODE_UPDATE),
      new RouteRule("POST", "/v1/nodes/{node_id}/confirm", ADMIN_MANAGE),
      new RouteRule("GET", "/v1/nodes", NODE_READ),
      new RouteRule("GET", "/v1/nodes/{node_id}", NODE_READ),
      new RouteRule("POST", "/v1/nodes/{node_id}/commands", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/nodes/{node_id}/commands/{command_id}/ack", NODE_UPDATE),
      new RouteRule("POST", "/v1/deployments", DEPLOYMENT_CREATE),
      new RouteRule("POST", "/v1/deployments/{id}/stop", DEPLOYMENT_UPDATE),
      new RouteRule("POST", "/v1/deployments/{id}/scale", DEPLOYMENT_UPDATE),
      new RouteRule("GET", "/v1/deployments", DEPLOYMENT_READ),
      new RouteRule("GET", "/v1/deployments/{id}", DEPLOYMENT_READ),
      new RouteRule("DELETE", "/v1/deployments/{id}", DEPLOYMENT_DELETE),
      new RouteRule("GET", "/v1/deployments/{deployment_id}/logs", LOGS_READ),
      new RouteRule("*", "/ws/logs/{deployment_id}", LOGS_READ),
      new RouteRule("GET", "/v1/events", EVENTS_READ),
      new RouteRule("*", "/ws/events", EVENTS_READ),
      new RouteRule("GET", "/v1/containers", CONTAINER_READ),
      new RouteRule("GET", "/v1/containers/{id}", CONTAINER_READ),
      new RouteRule("POST", "/v1/containers/{id}/exec", CONTAINER_EXECUTE),
      new RouteRule("*", "/ws/exec/{id}", CONTAINER_EXECUTE),
      new RouteRule("POST", "/v1/node/cordon", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/node/drain", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/node/uncordon", ADMIN_MANAGE),
      new RouteRule("GET", "/v1/node/scheduling", NODE_READ),
      new RouteRule("GET", "/v1/peers", NODE_READ),
      new RouteRule("GET", "/v1/network", NODE_READ),
      new RouteRule("POST", "/v1/network/commands", ADMIN_MANAGE),
      new RouteRule("GET", "/v1/providers", NODE_READ),
      new RouteRule("GET", "/v1/compute/pools", POOL_READ),
      new RouteRule("GET", "/v1/compute/pools/{id}", POOL_READ),
      new RouteRule("GET", "/v1/compute/pools/{id}/nodes", POOL_READ),
      new RouteRule("POST", "/v1/compute/allocate", ALLOCATION_MANAGE),
      new RouteRule("GET", "/v1/compute/allocations", ALLOCATION_READ),
      new RouteRule("GET", "/v1/compute/allocations/{id}", ALLOCATION_READ),
      new RouteRule("DELETE", "/v1/compute/allocations/{id}", ALLOCATION_MANAGE),
      new RouteRule("GET", "/v1/audit", ADMIN_READ),
      new RouteRule("GET", "/v1/usage", USAGE_READ),
      new RouteRule("GET", "/v1/usage/export", USAGE_READ),
      new RouteRule("GET", "/v1/images", NODE_READ),
      new RouteRule("POST", "/v1/images/pull", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/images/remove", ADMIN_MANAGE),
      new RouteRule("GET", "/v1/keys", ADMIN_READ),
      new RouteRule("POST", "/v1/keys", ADMIN_MANAGE),
      new RouteRule("DELETE", "/v1/keys/{id}", ADMIN_MANAGE),
      new RouteRule("GET", "/v1/bindings", ADMIN_READ),
      new RouteRule("POST", "/v1/bindings", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/bindings/remove", ADMIN_MANAGE),
      new RouteRule("POST", "/v1/inference", INFERENCE_EXECUTE),
      new RouteRule("POST", "/v1/embed", INFERENCE_EXECUTE),
      new RouteRule("POST", "/v1/completions", INFERENCE_EXECUTE),
      new RouteRule("POST", "/v1/chat/completions", INFERENCE_EXECUTE),
      new RouteRule("POST", "/v1/embeddings", INFERENCE_EXECUTE),
      new RouteRule("*", "/ws/inference", INFERENCE_EXECUTE),
      new RouteRule("GET", "/v1/models", MODELS_READ),
      new RouteRule("GET", "/v1/models/{model}", MODELS_READ),
      new RouteRule("POST", "/v1/models/{model}/load", MODELS_MANAGE),
      new RouteRule("POST", "/v1/models/{model}/unload", MODELS_MANAGE),
      new RouteRule("POST", "/v1/models/pull", MODELS_MANAGE),
      new RouteRule("POST", "/v1/models/upstream", MODELS_MANAGE),
      new RouteRule("DELETE", "/v1/models/{model}", MODELS_MANAGE),
      new RouteRule("PUT", "/v1/models/{model}", MODELS_MANAGE),
      new RouteRule("GET", "/v1/models/{model}/inspect", MODELS_READ),
      new RouteRule("POST", "/v1/operators/register", OPERATORS_MANAGE),
      new RouteRule("GET", "/v1/operators/{addr}/status", OPERATORS_READ),
      new RouteRule("POST", "/v1/operators/{addr}/stake", OPERATORS_MANAGE),
      new RouteRule("POST", "/v1/operators/{addr}/exit", OPERATORS_MANAGE),
      new RouteRule("POST", "/v1/operators/{addr}/deregister", OPERATORS_MANAGE),
      new RouteRule("POST", "/v1/operators/{addr}/withdraw", OPERATORS_MANAGE),
      new RouteRule("POST", "/v1/qos/challenges", QOS_CHALLENGE),
      new RouteRule("GET", "/v1/qos/challenges", QOS_READ),
      new RouteRule("GET", "/v1/qos/challenges/{id}", QOS_READ),
      new RouteRule("POST", "/v1/qos/challenges/{id}/verify", QOS_READ),
      new RouteRule("GET", "/v1/qos/providers/{id}/score", QOS_READ),
      new RouteRule("GET", "/v1/qos/scores", QOS_READ),
      new RouteRule("GET", "/v1/qos/providers/{id}/state", QOS_READ),
      new RouteRule("GET", "/v1/qos/providers/{id}/history", QOS_READ),
      new RouteRule("GET", "/v1/qos/providers/{id}/slashes", QOS_READ),
      new RouteRule("POST", "/v1/qos/challenges/{id}/respond", QOS_RESPOND));

  /** Where the dashboard's static files are served ({@link #isPublicAsset}). */
  public static final String DASHBOARD = "/ui";

  private RpcPermissions() {}

  /**
   * The dashboard's static files ({@code GET}/{@code HEAD} of {@code /ui} and below) are served without credentials:
   * a browser cannot attach an API key to a page load, and the files are the code of the jar, nothing of the
   * node's state. Everything the dashboard shows it then asks the routes above for, with the caller's own
   * credential. The browser rules (Host, Origin) still apply to them.
   */
  public static boolean isPublicAsset(String method, String path) {
    return ("GET".equals(method) || "HEAD".equals(method))
        && (path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/"));
  }

  /** @param fullMethodName e.g. {@code hanzo.node.v1.NodeService/Deploy} */
  public static Optional<Permission> forRpc(String fullMethodName) {
    return Optional.ofNullable(RPCS.get(fullMethodName));
  }

  /** The permission of the first route that matches a concrete request path. */
  public static Optional<Permission> forRoute(String method, String path) {
    return ROUTES.stream().filter(r -> r.matches(method, path)).map(RouteRule::permission).findFirst();
  }

  public static Map<String, Permission> rpcs() {
    return RPCS;
  }

  public static List<RouteRule> routes() {
    return ROUTES;
  }
}
