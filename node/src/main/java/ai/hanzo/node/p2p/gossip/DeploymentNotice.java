package ai.hanzo.node.p2p.gossip;

import java.time.Instant;
import java.util.Map;

/** A deployment lifecycle event of the publishing node on {@code hanzo/deployments/v1}. */
public record DeploymentNotice(String nodeId, String peerId, String eventType, String deploymentId, String message,
    Map<String, String> attributes, Instant timestamp) implements GossipPayload {
  public DeploymentNotice {
    attributes = Map.copyOf(attributes);
  }
}
