package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/** Generators for the property tests: any storable text, maps, lists and instants. */
final class StorageArbitraries {
  private StorageArbitraries() {}

  /** Well-formed UTF-16: any BMP character except surrogates, with some surrogate pairs mixed in. */
  static Arbitrary<String> texts() {
    Arbitrary<String> bmp = characters().ofMaxLength(40);
    Arbitrary<List<String>> pairs =
        Arbitraries.of("\uD83D\uDE80", "\uD83E\uDD16", "\uD800\uDC00").list().ofMaxSize(3);
    return Combinators.combine(bmp, pairs, bmp).as((a, p, b) -> a + String.join("", p) + b);
  }

  static Arbitrary<String> keys() {
    return texts().filter(text -> !text.isEmpty() && text.indexOf('\0') < 0);
  }

  static Arbitrary<Map<String, String>> maps() {
    return Arbitraries.maps(texts(), texts()).ofMaxSize(5);
  }

  static Arbitrary<List<String>> lists() {
    return texts().list().ofMaxSize(5);
  }

  static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs()
                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  private static StringArbitrary characters() {
    return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF');
  }
}
