package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** Whatever an engine sends, decoding ends in frames within the limit or a clean IOException; runs over the seeds. */
class FrameDecoderFuzzTest {
  private static final int LIMIT = 4096;

  @FuzzTest
  void decode(byte[] input) {
    FrameDecoder decoder = new FrameDecoder(LIMIT, (stream, payload) -> {
      assertThat(payload.length).isBetween(1, LIMIT);
      assertThat(stream).isNotNull();
    });
    try {
      int half = input.length / 2;
      decoder.feed(input, 0, half);
      decoder.feed(input, half, input.length - half);
    } catch (IOException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
