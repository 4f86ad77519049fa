package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.peer.PeerId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * A point in the DHT's 256-bit key space: sha256 of a key's bytes (of a peer id's multihash for
 * peers). Distances are the XOR of two points, compared as unsigned big-endian numbers.
 */
public final class KadId {
  public static final int BITS = 256;

  private final byte[] hash;

  private KadId(byte[] hash) {
    this.hash = hash;
  }

  public static KadId ofKey(byte[] key) {
    try {
      return new KadId(MessageDigest.getInstance("SHA-256").digest(key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  public static KadId of(PeerId peer) {
    return ofKey(peer.toBytes());
  }

  /** A point given directly by its 32 bytes (for refreshing a chosen bucket, and for tests). */
  public static KadId ofHash(byte[] hash) {
    if (hash.length != BITS / 8) {
      throw new IllegalArgumentException("a DHT id has 32 bytes, got " + hash.length);
    }
    return new KadId(hash.clone());
  }

  public byte[] bytes() {
    return hash.clone();
  }

  /** The XOR distance to {@code other}, as 32 big-endian bytes. */
  public byte[] distance(KadId other) {
    byte[] d = new byte[hash.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (hash[i] ^ other.hash[i]);
    }
    return d;
  }

  /** Number of leading bits this id shares with {@code other} (256 when equal). */
  public int commonPrefixLength(KadId other) {
    for (int i = 0; i < hash.length; i++) {
      int x = (hash[i] ^ other.hash[i]) & 0xFF;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** Negative when {@code a} is closer to this id than {@code b}, zero when equally close. */
  public int compareDistance(KadId a, KadId b) {
    for (int i = 0; i < hash.length; i++) {
      int da = (hash[i] ^ a.hash[i]) & 0xFF;
      int db = (hash[i] ^ b.hash[i]) & 0xFF;
      if (da != db) {
        return Integer.compare(da, db);
      }
    }
    return 0;
  }

  /** Orders ids by their distance to this one, closest first. */
  public Comparator<KadId> byDistance() {
    return this::compareDistance;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KadId k && Arrays.equals(hash, k.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(hash, 0, 8) + "…";
  }
}
