package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A libp2p peer the node has met.
 *
 * @param addresses its multiaddrs in text form
 * @param protocols the protocol ids it announced
 * @param publicKeyBase64 its protobuf-encoded public key in base64, or {@code null} if unknown
 */
public record PeerRecord(
    String peerId,
    List<String> addresses,
    List<String> protocols,
    String publicKeyBase64,
    Instant lastSeen) {

  public PeerRecord {
    StoredText.requireKey(peerId, "peer id");
    addresses = List.copyOf(addresses);
    protocols = List.copyOf(protocols);
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
