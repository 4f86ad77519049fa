package ai.hanzo.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random test cases: many generated inputs per test, reproducible from the seed printed on failure. The seed
 * is fixed so CI is deterministic; run with {@code -Dhanzo.test.seed=<n>} to explore other inputs. Each case gets
 * its own generator, a {@link Random} seeded from the run's seed and the case number, with helpers for the inputs
 * tests commonly need.
 */
public final class RandomCases extends Random {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  private RandomCases(long seed) {
    super(seed);
  }

  @FunctionalInterface
  public interface Case {
    void check(RandomCases gen) throws Exception;
  }

  /** Runs {@code body} for {@code count} generated cases; a failure names the case and the seed. */
  public static void forAll(int count, Case body) {
    for (int i = 0; i < count; i++) {
      try {
        body.check(new RandomCases(SEED * 31 + i));
      } catch (Throwable t) {
        throw new AssertionError("case " + i + " of " + count + " failed (seed " + SEED + "): " + t, t);
      }
    }
  }

  public long anyLong() {
    return edgeOr(nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);
  }

  /** Random bytes, between none and {@code maxLength} of them. */
  public byte[] bytes(int maxLength) {
    return exactly(nextInt(maxLength + 1));
  }

  /** Exactly {@code length} random bytes. */
  public byte[] exactly(int length) {
    byte[] b = new byte[length];
    nextBytes(b);
    return b;
  }

  /** Well-formed UTF-16 text: BMP characters except surrogates, with some surrogate pairs mixed in. */
  public String text() {
    StringBuilder s = new StringBuilder();
    int length = nextInt(41);
    for (int i = 0; i < length; i++) {
      if (nextInt(20) == 0) {
        s.append(new String[] {"\uD83D\uDE80", "\uD83E\uDD16", "\uD800\uDC00"}[nextInt(3)]);
      } else {
        int c = nextInt(0xD800 + (0x10000 - 0xE000));
        s.append((char) (c < 0xD800 ? c : c - 0xD800 + 0xE000));
      }
    }
    return s.toString();
  }

  /** Non-empty text without NUL, as store keys must be. */
  public String key() {
    String t = text().replace('\0', 'x');
    return t.isEmpty() ? "k" + nextInt(1000) : t;
  }

  public Map<String, String> map() {
    Map<String, String> m = new LinkedHashMap<>();
    int size = nextInt(6);
    for (int i = 0; i < size; i++) {
      m.put(text(), text());
    }
    return m;
  }

  public List<String> list() {
    List<String> l = new ArrayList<>();
    int size = nextInt(6);
    for (int i = 0; i < size; i++) {
      l.add(text());
    }
    return l;
  }

  public Instant instant() {
    long seconds = Instant.MIN.getEpochSecond()
        + (long) (nextDouble() * ((double) Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond()));
    return edgeOr(Instant.ofEpochSecond(seconds, nextInt(1_000_000_000)), Instant.MIN, Instant.MAX, Instant.EPOCH);
  }

  /** {@code value}, or null three times in ten. */
  public <T> T orNull(T value) {
    return nextInt(10) < 3 ? null : value;
  }

  @SafeVarargs
  private <T> T edgeOr(T value, T... edges) {
    return nextInt(10) == 0 ? edges[nextInt(edges.length)] : value;
  }
}
