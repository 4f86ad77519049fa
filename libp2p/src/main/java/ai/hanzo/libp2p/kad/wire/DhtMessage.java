package ai.hanzo.libp2p.kad.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code /ipfs/kad/1.0.0} message, request or response.
 *
 * @param key empty when the message carries none
 * @param record null when absent
 */
public record DhtMessage(MessageType type, int clusterLevel, byte[] key, DhtRecord record,
    List<DhtPeer> closerPeers, List<DhtPeer> providerPeers) {
  public DhtMessage {
    Objects.requireNonNull(type, "type");
    key = key.clone();
    closerPeers = List.copyOf(closerPeers);
    providerPeers = List.copyOf(providerPeers);
  }

  public static DhtMessage request(MessageType type, byte[] key) {
    return new DhtMessage(type, 0, key, null, List.of(), List.of());
  }

  /** A response of the same type and cluster level as {@code request}, otherwise empty. */
  public static DhtMessage responseTo(DhtMessage request) {
    return new DhtMessage(request.type, request.clusterLevel, request.key, null, List.of(),
        List.of());
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  public Optional<DhtRecord> recordIfPresent() {
    return Optional.ofNullable(record);
  }

  public DhtMessage withRecord(DhtRecord value) {
    return new DhtMessage(type, clusterLevel, key, value, closerPeers, providerPeers);
  }

  public DhtMessage withCloserPeers(List<DhtPeer> peers) {
    return new DhtMessage(type, clusterLevel, key, record, peers, providerPeers);
  }

  public DhtMessage withProviderPeers(List<DhtPeer> peers) {
    return new DhtMessage(type, clusterLevel, key, record, closerPeers, peers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DhtMessage m && type == m.type && clusterLevel == m.clusterLevel
        && Arrays.equals(key, m.key) && Objects.equals(record, m.record)
        && closerPeers.equals(m.closerPeers) && providerPeers.equals(m.providerPeers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, clusterLevel, Arrays.hashCode(key), record, closerPeers,
        providerPeers);
  }

  @Override
  public String toString() {
    return "DhtMessage[" + type + " key=" + HexFormat.of().formatHex(key) + " record=" + record
        + " closer=" + closerPeers.size() + " providers=" + providerPeers.size() + "]";
  }
}
