package ai.hanzo.node.p2p;

import ai.hanzo.node.p2p.gossip.NetworkDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One peer as the node's network view shows it.
 *
 * @param direction {@code inbound} or {@code outbound} while connected, else empty
 * @param rtt the last ping's round trip, if one was measured on the current connection
 * @param heartbeat its latest announcement on hanzo/heartbeat/v1, if one was heard
 */
public record PeerView(String peerId, List<String> addresses, List<String> protocols, String agentVersion,
    boolean connected, String direction, Optional<Duration> rtt, Instant lastSeen,
    Optional<NetworkDirectory.Entry> heartbeat) {
  public PeerView {
    addresses = List.copyOf(addresses);
    protocols = List.copyOf(protocols);
  }
}
