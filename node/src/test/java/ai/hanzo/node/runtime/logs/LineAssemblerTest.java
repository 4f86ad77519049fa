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
}
