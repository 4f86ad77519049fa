package ai.hanzo.node.compute;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which replica a container is: its name {@code <deployment>-<service>-<n>} and the labels that let a restarted
 * node find it again without trusting the name (deployment and service ids may themselves contain dashes).
 */
public record ReplicaName(String deploymentId, String service, int replica) {
  public static final String DEPLOYMENT_LABEL = "ai.hanzo.deployment";
  public static final String SERVICE_LABEL = "ai.hanzo.service";
  public static final String REPLICA_LABEL = "ai.hanzo.replica";
  public static final String NODE_LABEL = "ai.hanzo.node";

  public String containerName() {
    return deploymentId + "-" + service + "-" + replica;
  }

  public Map<String, String> labels(String nodeId) {
    Map<String, String> labels = new HashMap<>();
    labels.put(DEPLOYMENT_LABEL, deploymentId);
    labels.put(SERVICE_LABEL, service);
    labels.put(REPLICA_LABEL, Integer.toString(replica));
    labels.put(NODE_LABEL, nodeId);
    return labels;
  }

  /** The replica a container's labels name; empty when they are not ours or are damaged. */
  public static Optional<ReplicaName> fromLabels(Map<String, String> labels) {
    String deployment = labels.get(DEPLOYMENT_LABEL);
    String service = labels.get(SERVICE_LABEL);
    String replica = labels.get(REPLICA_LABEL);
    if (deployment == null || service == null || replica == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ReplicaName(deployment, service, Integer.parseInt(replica)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
