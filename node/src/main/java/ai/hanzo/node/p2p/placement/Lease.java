package ai.hanzo.node.p2p.placement;

import java.time.Instant;

/**
 * A placing node's lease on one placement: which node holds the deployment, under which epoch, since when.
 *
 * @param org the owning org of the deployment, empty for none
 */
public record Lease(String deploymentId, String nodeId, String peerId, String org, long epoch, Instant grantedAt) {
  public Lease {
    if (epoch < 1) {
      throw new IllegalArgumentException("a lease epoch starts at 1");
    }
  }
}
