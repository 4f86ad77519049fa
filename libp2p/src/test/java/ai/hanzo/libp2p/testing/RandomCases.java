package ai.hanzo.libp2p.testing;

import java.util.Random;

/**
 * Seeded random test cases: many generated inputs per test, reproducible from the seed printed on failure. The seed
 * is fixed so CI is deterministic; run with {@code -Dhanzo.test.seed=<n>} to explore other inputs.
 */
public final class RandomCases {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  private RandomCases() {}

  @FunctionalInterface
  public interface Case {
    void check(Random random) throws Exception;
  }

  /** Runs {@code body} for {@code count} generated cases; a failure names the case and the seed. */
  public static void forAll(int count, Case body) {
    for (int i = 0; i < count; i++) {
      try {
        body.check(new Random(SEED * 31 + i));
      } catch (Throwable t) {
        throw new AssertionError("case " + i + " of " + count + " failed (seed " + SEED + "): " + t, t);
      }
    }
  }

  public static byte[] bytes(Random random, int maxLength) {
    return exactly(random, random.nextInt(maxLength + 1));
  }

  public static byte[] exactly(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
