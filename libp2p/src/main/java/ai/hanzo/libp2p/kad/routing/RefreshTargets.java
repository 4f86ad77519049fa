package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.multiformats.Multihash;
import java.util.Optional;
import java.util.Random;

/**
 * Finds a key to look up when refreshing a bucket: its hash must share exactly {@code i} leading
 * bits with ours. sha256 cannot be inverted, so random keys are drawn until one fits; that takes
 * about 2^(i+1) tries, so only the shallow buckets (the ones with most key space) are refreshed
 * this way and the self lookup covers the deep ones.
 */
public final class RefreshTargets {
  /** Deepest bucket refreshed with a random key (about 65 thousand hashes at most). */
  public static final int MAX_BUCKET = 15;

  private RefreshTargets() {}

  /** A sha2-256 multihash (shaped like a peer id) whose DHT id falls into bucket {@code index}. */
  public static Optional<byte[]> keyInBucket(KadId local, int index, Random random) {
    if (index > MAX_BUCKET) {
      return Optional.empty();
    }
    byte[] digest = new byte[32];
    for (int tries = 0; tries < 1 << (index + 5); tries++) {
      random.nextBytes(digest);
      byte[] key = Multihash.of(Multihash.SHA2_256, digest).toBytes();
      if (local.commonPrefixLength(KadId.ofKey(key)) == index) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
