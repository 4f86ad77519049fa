package ai.hanzo.node.storage;

import static ai.hanzo.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Key layout properties over seeded random cases: ordering, contiguity, decoding. */
class KeyCodecPropertyTest {
  private static final int CASES = 2000;

  @Test
  void timestampsOfOneSeriesSortInTimeOrder() {
    forAll(CASES, g -> {
      String series = g.key();
      long a = g.anyLong();
      long b = g.anyLong();
      if (a == b) {
        return;
      }
      long earlier = Math.min(a, b);
      long later = Math.max(a, b);
      assertThat(Arrays.compareUnsigned(
          KeyCodec.seriesKey(series, earlier), KeyCodec.seriesKey(series, later))).isNegative();
    });
  }

  @Test
  void seriesKeysDecodeBack() {
    forAll(CASES, g -> {
      String series = g.key();
      long millis = g.anyLong();
      byte[] key = KeyCodec.seriesKey(series, millis);
      assertThat(KeyCodec.seriesOf(key)).isEqualTo(series);
      assertThat(KeyCodec.seriesTimestamp(key)).isEqualTo(millis);
    });
  }

  @Test
  void everyPointOfASeriesLiesInItsOwnContiguousRange() {
    forAll(CASES, g -> {
      String series = g.key();
      String other = g.nextBoolean() ? series : g.key();
      byte[] first = KeyCodec.seriesKey(series, Long.MIN_VALUE);
      byte[] end = KeyCodec.seriesEnd(series);
      byte[] key = KeyCodec.seriesKey(other, g.anyLong());
      boolean inside = Arrays.compareUnsigned(key, first) >= 0 && Arrays.compareUnsigned(key, end) < 0;
      assertThat(inside).isEqualTo(series.equals(other));
    });
  }

  @Test
  void logKeysSortByTimeThenSequence() {
    forAll(CASES, g -> {
      long millisA = g.anyLong();
      long millisB = g.nextBoolean() ? millisA : g.anyLong();
      long sequenceA = g.anyLong();
      long sequenceB = g.anyLong();
      int expected = millisA != millisB ? Long.compare(millisA, millisB) : Long.compare(sequenceA, sequenceB);
      int actual = Arrays.compareUnsigned(KeyCodec.logKey(millisA, sequenceA), KeyCodec.logKey(millisB, sequenceB));
      assertThat(Integer.signum(actual)).isEqualTo(Integer.signum(expected));
      assertThat(KeyCodec.logSequence(KeyCodec.logKey(millisA, sequenceA))).isEqualTo(sequenceA);
    });
  }

  @Test
  void arbitraryKeysDecodeOrFailCleanly() {
    forAll(CASES, g -> {
      byte[] key = g.bytes(48);
      for (Runnable decode : new Runnable[] {
          () -> KeyCodec.seriesOf(key),
          () -> KeyCodec.seriesTimestamp(key),
          () -> KeyCodec.logSequence(key),
          () -> KeyCodec.textOf(key)}) {
        try {
          decode.run();
        } catch (MalformedRecordException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
      assertThat(KeyCodec.describe(key)).isNotBlank();
    });
  }
}
