package ai.hanzo.node.p2p.gossip;

import java.time.Duration;
import java.time.Instant;

/**
 * A command on {@code hanzo/commands/v1} for one node, named by node id or peer id (either may be empty, not both).
 *
 * @param drainDeadline how long a drain gives deployments to stop; zero for the default
 */
public record NetworkCommand(String commandId, CommandKind kind, String targetNodeId, String targetPeerId,
    String issuerPeerId, Instant issuedAt, Instant expiresAt, Duration drainDeadline) implements GossipPayload {
  @Override
  public String peerId() {
    return issuerPeerId;
  }

  @Override
  public Instant timestamp() {
    return issuedAt;
  }

  public boolean targets(String nodeId, String peerId) {
    return !targetNodeId.isEmpty() && targetNodeId.equals(nodeId)
        || !targetPeerId.isEmpty() && targetPeerId.equals(peerId);
  }
}
