package ai.hanzo.node.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A log file may be torn or edited: reading it line by line never throws, and what parses encodes back to the same
 * line. Runs over the seed corpus in normal builds.
 */
class LogLineCodecFuzzTest {
  @FuzzTest
  void decode(byte[] input) {
    List<String> lines = new ArrayList<>();
    LineAssembler assembler = new LineAssembler(1024, lines::add);
    assembler.feed(input, 0, input.length);
    assembler.flush();
    for (String line : lines) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3 * 1024);
      LogLineCodec.decode(line).ifPresent(entry ->
          assertThat(LogLineCodec.decode(LogLineCodec.encode(entry).stripTrailing())).contains(entry));
    }
  }
}
