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

  /** The fast path for Instant.toString's form must read exactly what Instant.parse reads, and refuse the rest. */
  @Test
  void timestampsDecodeAsInstantParseReadsThem() {
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
          random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(7)));
      String line = instant + " stdout x";
      assertThat(LogLineCodec.decode(line)).as("seed %d case %d: %s", SEED, i, line).get()
          .extracting(LogEntry::timestamp).isEqualTo(Instant.parse(instant.toString()));
    }
    for (String text : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-26T00:60:00Z",
        "2026-11-26T00:00:0xZ", "2026-11-26T00:00:00.12345678xZ"}) {
      assertThat(LogLineCodec.decode(text + " stdout x")).as(text).isEmpty();
    }
    // Not Instant.toString's form, yet ISO as Instant.parse reads it: the general parser still decides.
    for (String text : new String[] {"2026-11-26T00:00:00.5Z", "2026-11-26T24:00:00Z", "2026-11-26T23:59:60Z",
        "2026-11-26T00:00:00.Z"}) {
      assertThat(LogLineCodec.decode(text + " stdout x")).as(text).get().extracting(LogEntry::timestamp)
          .isEqualTo(Instant.parse(text));
    }
    assertThat(LogLineCodec.decode("2024-02-29T23:59:59.999999Z stderr y")).get().extracting(LogEntry::timestamp)
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
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
