package ai.hanzo.node.p2p.inference;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A node that serves a model, as the DHT or its heartbeat told us.
 *
 * @param nodeId its node id when its heartbeat was heard, else empty
 * @param rtt the last ping's round trip while connected
 */
public record ModelProvider(String peerId, List<String> addresses, String nodeId, boolean connected,
    Optional<Duration> rtt) {
  public ModelProvider {
    addresses = List.copyOf(addresses);
  }
}
