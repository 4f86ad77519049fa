package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.node.p2p.gossip.LocalNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides this node's capability keys in the DHT: whenever the routing table changed size since the last round
 * (a node that starts alone announces once it meets peers), whenever the capabilities changed (a model added to
 * or removed from the store) and at least every {@link #REPROVIDE_EVERY}. A capability the node no longer has is
 * no longer provided: it leaves the DHT's republish set at once, and the records other peers hold expire.
 */
final class CapabilityAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(CapabilityAnnouncer.class);
  static final Duration REPROVIDE_EVERY = Duration.ofMinutes(10);

  private final KadDht dht;
  private final LocalNode self;
  private final Clock clock;
  private int tableSizeAtLastRound = -1;
  private Instant lastRound = Instant.MIN;
  private Set<String> provided = Set.of();

  CapabilityAnnouncer(KadDht dht, LocalNode self, Clock clock) {
    this.dht = dht;
    this.self = self;
    this.clock = clock;
  }

  /** Called periodically from one thread; never throws (that would end the schedule). */
  void tick() {
    try {
      announceIfDue();
    } catch (RuntimeException e) {
      log.warn("Announcing capabilities failed: {}", e.toString());
    }
  }

  private void announceIfDue() {
    Set<String> names = new LinkedHashSet<>(CapabilityKeys.names(self.capabilities()));
    for (String gone : provided) {
      if (!names.contains(gone)) {
        dht.stopProviding(CapabilityKeys.key(gone));
        log.debug("No longer providing {}", gone);
      }
    }
    int size = dht.routingTable().size();
    Instant now = clock.instant();
    boolean changed = !names.equals(provided);
    provided = Set.copyOf(names);
    if (size == 0 || !changed && size == tableSizeAtLastRound && now.isBefore(lastRound.plus(REPROVIDE_EVERY))) {
      return;
    }
    tableSizeAtLastRound = size;
    lastRound = now;
    for (String name : names) {
      dht.provide(CapabilityKeys.key(name)).whenComplete((peers, error) -> {
        if (error != null) {
          log.debug("Providing {} failed: {}", name, error.toString());
        } else {
          log.debug("Provided {} to {} peers", name, peers);
        }
      });
    }
  }
}
