package ai.hanzo.node.p2p.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a placing node takes a lease away and when a target gives its copy up. Pure: the clock is an argument, so the
 * rules are tested with a manual one.
 *
 * <p>The placing node owns each placement with a lease of an epoch that grows by one with every placement of the
 * deployment. It takes the lease away when the target was last seen (its latest heartbeat, else when the lease was
 * granted or this placing node started, whichever is later) more than the lease timeout ago, and then places the
 * deployment again elsewhere. A target never gives up a copy on its own: it stops one only when the placing peer of
 * record tells it the lease of that epoch or a newer one was taken away ({@link #releases}). So a healed partition
 * leaves one copy (the placing node tells the old target as soon as it hears it again, and keeps telling it until it
 * answers), and a placing node that dies for good leaves every target running what it has, forever.
 */
public final class LeaseRules {
  private final Duration timeout;

  public LeaseRules(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("lease timeout must be positive");
    }
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * Why the lease is to be taken away now, or empty while it holds.
   *
   * @param since when this placing node began to watch the lease: the grant, or its own start if later
   * @param lastHeartbeat when the target's latest heartbeat arrived; empty when none was heard
   */
  public Optional<String> expired(String targetNodeId, Instant since, Optional<Instant> lastHeartbeat, Instant now) {
    Instant seen = lastHeartbeat.filter(h -> h.isAfter(since)).orElse(since);
    Duration silent = Duration.between(seen, now);
    if (silent.compareTo(timeout) <= 0) {
      return Optional.empty();
    }
    return Optional.of("node " + targetNodeId + " sent no heartbeat for " + silent.toSeconds()
        + " s (lease timeout " + timeout.toSeconds() + " s)");
  }

  /**
   * Whether the placing node may tell the old target now that its lease was taken away: only once a heartbeat of it
   * arrived after the lease was taken, so a node still unreachable is not called in vain.
   */
  public boolean reachableAgain(Instant revokedAt, Optional<Instant> lastHeartbeat) {
    return lastHeartbeat.filter(h -> h.isAfter(revokedAt)).isPresent();
  }

  /**
   * Whether a release of {@code releasedEpoch} stops the copy a target holds under {@code heldEpoch}: a release never
   * stops a copy of a newer placement (the deployment placed here again after the lease was taken).
   */
  public static boolean releases(long heldEpoch, long releasedEpoch) {
    return heldEpoch <= releasedEpoch;
  }
}
