package ai.hanzo.node.p2p.gossip;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other nodes as their heartbeats and metrics describe them, by peer id. Entries whose last heartbeat is
 * older than {@code forgetAfter} are dropped, so the map is bounded by the live network and shows only nodes that
 * are still announcing themselves.
 */
public final class NetworkDirectory {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration forgetAfter;

  public NetworkDirectory(Duration forgetAfter) {
    this.forgetAfter = forgetAfter;
  }

  /** The latest heartbeat of a peer and when it was received. */
  public record Entry(NodeAnnouncement announcement, Instant receivedAt) {}

  public void heard(NodeAnnouncement a, Instant receivedAt) {
    entries.merge(a.peerId(), new Entry(a, receivedAt),
        (old, fresh) -> fresh.announcement().timestamp().isBefore(old.announcement().timestamp()) ? old : fresh);
  }

  /** Newer metrics replace the heartbeat's; a peer without a heartbeat yet is not added. */
  public void heard(MetricsAnnouncement m) {
    entries.computeIfPresent(m.peerId(), (peer, e) -> {
      NodeAnnouncement a = e.announcement();
      if (!m.timestamp().isAfter(a.timestamp())) {
        return e;
      }
      return new Entry(new NodeAnnouncement(a.nodeId(), a.peerId(), a.agent(), a.state(), a.capabilities(),
          m.metrics(), a.apiEndpoints(), a.timestamp(), a.operatorAddress(), a.placement(), a.p2pAddresses()),
          e.receivedAt());
    });
  }

  /** A peer we lost our connection to: kept out of the view until its next heartbeat reaches us another way. */
  public void forget(String peerId) {
    entries.remove(peerId);
  }

  public Optional<Entry> find(String peerId) {
    return Optional.ofNullable(entries.get(peerId));
  }

  public List<Entry> all(Instant now) {
    entries.values().removeIf(e -> e.receivedAt().isBefore(now.minus(forgetAfter)));
    return List.copyOf(entries.values());
  }
}
