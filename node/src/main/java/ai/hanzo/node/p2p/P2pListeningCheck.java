package ai.hanzo.node.p2p;

import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * DEGRADED while the node is not listening on the libp2p network, or when bootstrap peers are configured and none
 * is connected after {@link #BOOTSTRAP_GRACE}: it still serves its API, but it is cut off from the network.
 */
public final class P2pListeningCheck implements HealthCheck {
  static final Duration BOOTSTRAP_GRACE = Duration.ofSeconds(30);

  private final P2pNode node;
  private final Clock clock;

  public P2pListeningCheck(P2pNode node, Clock clock) {
    this.node = node;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "p2p";
  }

  @Override
  public Result check() {
    if (node.boundPort() <= 0) {
      return new Result(HealthLevel.DEGRADED, "not listening on the libp2p network");
    }
    Instant started = node.startedAt();
    if (!node.bootstrapConnected() && started != null && clock.instant().isAfter(started.plus(BOOTSTRAP_GRACE))) {
      return new Result(HealthLevel.DEGRADED, "no bootstrap peer connected " + BOOTSTRAP_GRACE.toSeconds()
          + " s after start; " + node.connectedPeers() + " peers connected");
    }
    return new Result(HealthLevel.HEALTHY, "listening, " + node.connectedPeers() + " peers connected, "
        + node.routingTableSize() + " in the DHT routing table");
  }
}
