package ai.hanzo.testing.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark shapes of {@link TinyLlama}: F16 rounding, the larger vocabulary, the cached file. */
class BenchShapeTest {
  @Test
  void halfBitsOfKnownValues() {
    assertThat(GgufWriter.toHalf(1f)).isEqualTo((short) 0x3c00);
    assertThat(GgufWriter.toHalf(-2f)).isEqualTo((short) 0xc000);
    assertThat(GgufWriter.toHalf(0.1f)).isEqualTo((short) 0x2e66);
    assertThat(GgufWriter.toHalf(65504f)).isEqualTo((short) 0x7bff);
    assertThat(GgufWriter.toHalf(65520f)).as("rounds up to infinity").isEqualTo((short) 0x7c00);
    assertThat(GgufWriter.toHalf(5.9604645e-8f)).as("smallest subnormal").isEqualTo((short) 0x0001);
    assertThat(GgufWriter.toHalf(1e-9f)).isEqualTo((short) 0);
    assertThat(GgufWriter.toHalf(-0f)).isEqualTo((short) 0x8000);
    assertThat(GgufWriter.toHalf(Float.NaN) & 0x7fff).isGreaterThan(0x7c00);
  }

  @Test
  void halfIsTheNearestRepresentableValue() {
    long seed = new Random().nextLong();
    System.out.println("BenchShapeTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      float value = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
      short half = GgufWriter.toHalf(value);
      double error = Math.abs(fromHalf(half) - value);
      // no neighbour of the chosen half is closer (ties may go either way only at equal distance)
      for (int step : new int[] {1, -1}) {
        double neighbour = fromHalf((short) (half + step));
        if (!Double.isNaN(neighbour)) { // 0x0000 - 1 and 0x8000 - 1 are NaN bit patterns, no neighbours
          assertThat(error).as("value %s (seed %d)", value, seed).isLessThanOrEqualTo(Math.abs(neighbour - value));
        }
      }
    }
  }

  @Test
  void largerVocabularyKeepsTheBaseOneAndHasNoDuplicates() {
    List<String> base = TinyLlama.vocabulary();
    List<String> large = TinyLlama.vocabulary(8192);
    assertThat(large).hasSize(8192).startsWith(base.toArray(String[]::new));
    assertThat(new HashSet<>(large)).hasSize(8192);
    assertThat(TinyLlama.vocabulary(0)).isEqualTo(base);
  }

  @Test
  void f16ModelIsHalfTheMatricesAndCachedOnce(@TempDir Path dir) throws Exception {
    TinyLlama.Shape f32 = new TinyLlama.Shape(64, 2, 4, 128, 256).withVocabulary(1000);
    Path first = TinyLlama.cached(dir, 7, f32.inF16());
    Path f32File = TinyLlama.cached(dir, 7, f32);
    assertThat(first).isNotEqualTo(f32File);
    assertThat(Files.size(first)).isLessThan(Files.size(f32File) * 6 / 10);
    long modified = Files.getLastModifiedTime(first).toMillis();
    assertThat(TinyLlama.cached(dir, 7, f32.inF16())).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(modified);
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(f -> f.toString().endsWith(".partial"));
    }
    assertThat(f32.parameterCount()).isEqualTo(f32.inF16().parameterCount());
  }

  private static double fromHalf(short bits) {
    int exponent = (bits >> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    double sign = (bits & 0x8000) != 0 ? -1 : 1;
    if (exponent == 0x1f) {
      return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    return exponent == 0 ? sign * mantissa * Math.pow(2, -24)
        : sign * (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
  }
}
