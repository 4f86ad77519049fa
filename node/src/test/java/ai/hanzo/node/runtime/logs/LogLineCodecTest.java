package ai.hanzo.node.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogLineCodecTest {
  private static final long SEED = 0x5EED_2026L;

  @Test
  void encodedEntriesDecodeToThemselves() {
    Random random = new Random(SEED);
    for (int i = 0; i < 5_000; i++) {
      LogEntry entry = new LogEntry(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)),
          random.nextBoolean() ? LogStream.STDOUT : LogStream.STDERR, randomText(random));
      String encoded = LogLineCodec.encode(entry);
      assertThat(encoded).as("seed %d case %d", SEED, i).endsWith("\n");
      assertThat(LogLineCodec.decode(encoded.substring(0, encoded.length() - 1)))
          .as("seed %d case %d", SEED, i).contains(entry);
    }
  }

  @Test
  void garbageNeverThrowsAndIsRejectedOrParsed() {
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(80)];
      random.nextBytes(bytes);
      String line = new String(bytes, StandardCharsets.ISO_8859_1);
      assertThat(LogLineCodec.decode(line)).as("seed %d case %d", SEED, i).satisfiesAnyOf(
          decoded -> assertThat(decoded).isEmpty(),
          decoded -> assertThat(LogLineCodec.encode(decoded.orElseThrow())).isEqualTo(line + "\n"));
    }
  }

  @Test
  void malformedLinesAreSkipped() {
    assertThat(LogLineCodec.decode("")).isEmpty();
    assertThat(LogLineCodec.decode("2026-11-26T00:00:00Z")).isEmpty();
    assertThat(LogLineCodec.decode("2026-11-26T00:00:00Z stdin hello")).isEmpty();
    assertThat(LogLineCodec.decode("yesterday stdout hello")).isEmpty();
    assertThat(LogLineCodec.decode(" stdout hello")).isEmpty();
    assertThat(LogLineCodec.decode("2026-11-26T00:00:00Z stderr ")).get().extracting(LogEntry::line)
        .isEqualTo("");
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(60);
    for (int i = 0; i < length; i++) {
      int codePoint;
      do {
        codePoint = random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 0x20 + random.nextInt(0x5F);
      } while (codePoint == '\n' || Character.isSurrogate((char) codePoint) && codePoint < 0x10000);
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
