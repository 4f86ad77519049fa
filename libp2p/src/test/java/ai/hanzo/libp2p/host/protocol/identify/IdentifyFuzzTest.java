package ai.hanzo.libp2p.host.protocol.identify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

class IdentifyFuzzTest {
  @FuzzTest
  void messageDecoder(byte[] input) {
    try {
      IdentifyMessage message = IdentifyCodec.decode(input);
      assertThat(IdentifyCodec.decode(IdentifyCodec.encode(message))).isEqualTo(message);
    } catch (IdentifyException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest
  void lengthPrefixedFrames(byte[] input) {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(
        IdentifyCollector.MAX_MESSAGE_LENGTH, IdentifyCollector.MAX_MESSAGES);
    try {
      frames.add(Unpooled.wrappedBuffer(input));
      var all = frames.finish();
      assertThat(all).hasSizeLessThanOrEqualTo(IdentifyCollector.MAX_MESSAGES);
      assertThat(all).allMatch(f -> f.length <= IdentifyCollector.MAX_MESSAGE_LENGTH);
    } catch (IdentifyException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      frames.release();
    }
  }
}
