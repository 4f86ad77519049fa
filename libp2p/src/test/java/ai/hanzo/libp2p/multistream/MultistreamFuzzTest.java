package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Malformed input may only end in a {@link MultistreamException}; runs over the seed corpus. */
class MultistreamFuzzTest {

  @FuzzTest
  void messageDecoder(byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      String message;
      while ((message = MultistreamMessages.read(in)) != null) {
        assertThat(message.getBytes(StandardCharsets.UTF_8).length)
            .isLessThan(MultistreamMessages.MAX_MESSAGE_LENGTH);
      }
    } catch (MultistreamException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      in.release();
    }
  }

  @FuzzTest
  void listenerHandler(byte[] input) {
    MultistreamHandler listener =
        MultistreamHandler.listener(List.of("/noise", "/yamux/1.0.0"), Duration.ofSeconds(10));
    EmbeddedChannel channel = new EmbeddedChannel(listener);
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(input));
      if (listener.selected().isDone() && !listener.selected().isSuccess()) {
        assertThat(listener.selected().cause()).isInstanceOf(MultistreamException.class);
        assertThat(channel.isOpen()).isFalse();
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }
}
