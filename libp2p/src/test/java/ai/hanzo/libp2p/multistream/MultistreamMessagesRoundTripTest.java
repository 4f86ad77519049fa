package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random texts up to the size limit survive encode and read unchanged. */
class MultistreamMessagesRoundTripTest {

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int codePoints = random.nextInt(300);
    while (text.length() < codePoints) {
      int cp = random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 0x20 + random.nextInt(0x5F);
      if (Character.isValidCodePoint(cp) && (cp < 0xD800 || cp > 0xDFFF)) {
        text.appendCodePoint(cp);
      }
    }
    return text.toString();
  }

  @Test
  void messagesRoundTrip() throws Exception {
    for (long seed = 0; seed < 2000; seed++) {
      String text = randomText(new Random(seed));
      if (text.getBytes(StandardCharsets.UTF_8).length >= MultistreamMessages.MAX_MESSAGE_LENGTH) {
        continue;
      }
      ByteBuf buf = Unpooled.wrappedBuffer(MultistreamMessages.encode(text));
      assertThat(MultistreamMessages.read(buf)).as("seed %d", seed).isEqualTo(text);
      assertThat(buf.isReadable()).as("seed %d", seed).isFalse();
    }
  }
}
