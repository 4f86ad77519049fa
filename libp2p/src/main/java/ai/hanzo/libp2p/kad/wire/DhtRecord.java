package ai.hanzo.libp2p.kad.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value stored under a key (libp2p record spec).
 *
 * @param timeReceived RFC 3339 text, empty when unknown; informational only
 */
public record DhtRecord(byte[] key, byte[] value, String timeReceived) {
  public DhtRecord {
    key = key.clone();
    value = value.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public DhtRecord withTimeReceived(String time) {
    return new DhtRecord(key, value, time);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DhtRecord r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
        && timeReceived.equals(r.timeReceived);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + timeReceived.hashCode();
  }

  @Override
  public String toString() {
    return "DhtRecord[key=" + HexFormat.of().formatHex(key) + ", " + value.length + " value bytes]";
  }
}
