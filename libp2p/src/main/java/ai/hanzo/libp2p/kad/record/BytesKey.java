package ai.hanzo.libp2p.kad.record;

import java.util.Arrays;
import java.util.HexFormat;

/** A byte-array key with value equality, for maps of records and providers. */
public final class BytesKey {
  private final byte[] bytes;

  public BytesKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BytesKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
