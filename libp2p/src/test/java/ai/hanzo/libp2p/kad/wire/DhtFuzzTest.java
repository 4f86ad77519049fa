package ai.hanzo.libp2p.kad.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

class DhtFuzzTest {
  @FuzzTest
  void messageDecoder(byte[] input) {
    try {
      DhtMessage message = DhtCodec.decode(input);
      assertThat(DhtCodec.decode(DhtCodec.encode(message))).isEqualTo(message);
    } catch (DhtProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest
  void framedStream(byte[] input) {
    MessageFramer framer = new MessageFramer(1024);
    try {
      for (byte[] frame : framer.add(Unpooled.wrappedBuffer(input))) {
        assertThat(frame.length).isLessThanOrEqualTo(1024);
        DhtCodec.decode(frame);
      }
    } catch (DhtProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      framer.release();
    }
  }
}
