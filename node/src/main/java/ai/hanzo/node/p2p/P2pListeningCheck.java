package ai.hanzo.node.p2p;

import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;

/** DEGRADED while the node is not listening on the libp2p network: it still serves its API, but no peers. */
public final class P2pListeningCheck implements HealthCheck {
  private final P2pNode node;

  public P2pListeningCheck(P2pNode node) {
    this.node = node;
  }

  @Override
  public String name() {
    return "p2p";
  }

  @Override
  public Result check() {
    return node.boundPort() > 0
        ? new Result(HealthLevel.HEALTHY, "listening, " + node.connectedPeers() + " peers connected")
        : new Result(HealthLevel.DEGRADED, "not listening on the libp2p network");
  }
}
