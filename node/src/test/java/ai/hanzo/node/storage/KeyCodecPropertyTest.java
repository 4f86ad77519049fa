package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyCodecPropertyTest {

  @Property
  void timestampsOfOneSeriesSortInTimeOrder(
      @ForAll("series") String series, @ForAll long earlier, @ForAll long later) {
    Assume.that(earlier < later);

    assertThat(Arrays.compareUnsigned(
        KeyCodec.seriesKey(series, earlier), KeyCodec.seriesKey(series, later))).isNegative();
  }

  @Property
  void seriesKeysDecodeBack(@ForAll("series") String series, @ForAll long millis) {
    byte[] key = KeyCodec.seriesKey(series, millis);

    assertThat(KeyCodec.seriesOf(key)).isEqualTo(series);
    assertThat(KeyCodec.seriesTimestamp(key)).isEqualTo(millis);
  }

  @Property
  void everyPointOfASeriesLiesInItsOwnContiguousRange(
      @ForAll("series") String series, @ForAll("series") String other, @ForAll long millis) {
    byte[] first = KeyCodec.seriesKey(series, Long.MIN_VALUE);
    byte[] end = KeyCodec.seriesEnd(series);
    byte[] key = KeyCodec.seriesKey(other, millis);

    boolean inside = Arrays.compareUnsigned(key, first) >= 0 && Arrays.compareUnsigned(key, end) < 0;
    assertThat(inside).isEqualTo(series.equals(other));
  }

  @Property
  void logKeysSortByTimeThenSequence(
      @ForAll long millisA, @ForAll long sequenceA, @ForAll long millisB, @ForAll long sequenceB) {
    int expected =
        millisA != millisB ? Long.compare(millisA, millisB) : Long.compare(sequenceA, sequenceB);
    int actual = Arrays.compareUnsigned(
        KeyCodec.logKey(millisA, sequenceA), KeyCodec.logKey(millisB, sequenceB));

    assertThat(Integer.signum(actual)).isEqualTo(Integer.signum(expected));
    assertThat(KeyCodec.logSequence(KeyCodec.logKey(millisA, sequenceA))).isEqualTo(sequenceA);
  }

  @Property
  void arbitraryKeysDecodeOrFailCleanly(@ForAll byte[] key) {
    for (Runnable decode :
        new Runnable[] {
          () -> KeyCodec.seriesOf(key),
          () -> KeyCodec.seriesTimestamp(key),
          () -> KeyCodec.logSequence(key),
          () -> KeyCodec.textOf(key)
        }) {
      try {
        decode.run();
      } catch (MalformedRecordException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    assertThat(KeyCodec.describe(key)).isNotBlank();
  }

  @Provide
  Arbitrary<String> series() {
    return StorageArbitraries.keys();
  }
}
