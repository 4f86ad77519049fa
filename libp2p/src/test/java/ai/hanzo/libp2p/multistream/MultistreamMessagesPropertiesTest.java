package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class MultistreamMessagesPropertiesTest {

  @Property
  void messagesRoundTrip(@ForAll @StringLength(max = 300) String text) throws Exception {
    Assume.that(text.getBytes(StandardCharsets.UTF_8).length < MultistreamMessages.MAX_MESSAGE_LENGTH
        && text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    ByteBuf buf = Unpooled.wrappedBuffer(MultistreamMessages.encode(text));
    assertThat(MultistreamMessages.read(buf)).isEqualTo(text);
    assertThat(buf.isReadable()).isFalse();
  }
}
