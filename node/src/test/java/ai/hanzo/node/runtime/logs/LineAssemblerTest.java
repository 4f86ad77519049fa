package ai.hanzo.node.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {
  @Test
  void linesSurviveAnySplitOfTheByteStream() {
    long seed = 42;
    Random random = new Random(seed);
    byte[] stream = "alpha\nbeta\n\ngrüße\nlast".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 1_000; round++) {
      List<String> lines = new ArrayList<>();
      LineAssembler assembler = new LineAssembler(1024, lines::add);
      int offset = 0;
      while (offset < stream.length) {
        int count = 1 + random.nextInt(stream.length - offset);
        assembler.feed(stream, offset, count);
        offset += count;
      }
      assertThat(assembler.hasPartialLine()).isTrue();
      assembler.flush();
      assertThat(lines).as("seed %d round %d", seed, round).containsExactly("alpha", "beta", "", "grüße", "last");
    }
  }

  @Test
  void aLineWithoutNewlineIsCutAtTheLimit() {
    List<String> lines = new ArrayList<>();
    LineAssembler assembler = new LineAssembler(4, lines::add);
    byte[] bytes = "abcdefghij\n".getBytes(StandardCharsets.UTF_8);
    assembler.feed(bytes, 0, bytes.length);
    assertThat(lines).containsExactly("abcd", "efgh", "ij");
  }

  @Test
  void malformedUtf8BecomesReplacementCharacters() {
    List<String> lines = new ArrayList<>();
    LineAssembler assembler = new LineAssembler(64, lines::add);
    byte[] bytes = {'o', 'k', (byte) 0xC3, '\n'};
    assembler.feed(bytes, 0, bytes.length);
    assertThat(lines).containsExactly("ok\uFFFD");
  }

  @Test
  void anyChunkingGivesTheLinesOfAByteByByteReading() {
    long seed = 0x11E5L;
    Random random = new Random(seed);
    byte[] alphabet = "ab\n\n\u00e9".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 2_000; round++) {
      int maxLineBytes = 1 + random.nextInt(12);
      byte[] stream = new byte[random.nextInt(120)];
      for (int i = 0; i < stream.length; i++) {
        stream[i] = alphabet[random.nextInt(alphabet.length)];
      }
      List<String> lines = new ArrayList<>();
      LineAssembler assembler = new LineAssembler(maxLineBytes, lines::add);
      for (int offset = 0; offset < stream.length; ) {
        int count = 1 + random.nextInt(stream.length - offset);
        assembler.feed(stream, offset, count);
        offset += count;
      }
      assembler.flush();
      assertThat(lines).as("seed %d round %d", seed, round).isEqualTo(byteByByte(stream, maxLineBytes));
    }
  }

  /** The plain definition: a line ends at a newline, or when it reaches the limit; the rest at the end. */
  private static List<String> byteByByte(byte[] stream, int maxLineBytes) {
    List<String> lines = new ArrayList<>();
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    for (byte b : stream) {
      if (b == '\n') {
        lines.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
        continue;
      }
      line.write(b);
      if (line.size() == maxLineBytes) {
        lines.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      }
    }
    if (line.size() > 0) {
      lines.add(line.toString(StandardCharsets.UTF_8));
    }
    return lines;
  }
}
