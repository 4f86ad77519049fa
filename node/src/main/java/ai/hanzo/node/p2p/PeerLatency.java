package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last ping round trip and the last time each connected peer answered, refreshed by {@link #pingAll}. */
final class PeerLatency {
  private record Sample(Duration rtt, Instant at) {}

  private final Map<PeerId, Sample> samples = new ConcurrentHashMap<>();
  private final Map<PeerId, Instant> seen = new ConcurrentHashMap<>();
  private final Clock clock;

  PeerLatency(Clock clock) {
    this.clock = clock;
  }

  void pingAll(Host host) {
    for (Connection c : host.connectionManager().connections()) {
      PeerId peer = c.remotePeer();
      host.ping(peer).whenComplete((rtt, error) -> {
        if (error == null) {
          samples.put(peer, new Sample(rtt, clock.instant()));
          seen(peer);
        }
      });
    }
  }

  void seen(PeerId peer) {
    seen.put(peer, clock.instant());
  }

  void forget(PeerId peer) {
    samples.remove(peer);
  }

  Optional<Duration> rtt(PeerId peer) {
    return Optional.ofNullable(samples.get(peer)).map(Sample::rtt);
  }

  Optional<Instant> lastSeen(PeerId peer) {
    return Optional.ofNullable(seen.get(peer));
  }
}
