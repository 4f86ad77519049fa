package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultistreamMessagesTest {
  private static ByteBuf hex(String hex) {
    return Unpooled.buffer().writeBytes(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  @Test
  void dialerOpeningMatchesTheBytesJsSends() {
    byte[] opening = new DialerNegotiation(List.of("/noise")).start().reply();
    assertThat(HexFormat.of().formatHex(opening))
        .isEqualTo("13" + "2f6d756c746973747265616d2f312e302e300a" + "07" + "2f6e6f6973650a");
  }

  @Test
  void naAndYamuxHaveTheirKnownEncodings() {
    assertThat(MultistreamMessages.encode("na")).containsExactly(0x03, 0x6e, 0x61, 0x0a);
    assertThat(HexFormat.of().formatHex(MultistreamMessages.encode("/yamux/1.0.0")))
        .isEqualTo("0d2f79616d75782f312e302e300a");
  }

  @Test
  void readsConsecutiveMessagesAndWaitsForIncompleteOnes() throws Exception {
    ByteBuf in = hex("07 2f6e6f6973650a 03 6e61");
    assertThat(MultistreamMessages.read(in)).isEqualTo("/noise");
    int before = in.readerIndex();
    assertThat(MultistreamMessages.read(in)).isNull();
    assertThat(in.readerIndex()).isEqualTo(before);
    in.writeByte('\n');
    assertThat(MultistreamMessages.read(in)).isEqualTo("na");
  }

  @Test
  void messageWithoutTrailingNewlineIsRejected() {
    assertThatThrownBy(() -> MultistreamMessages.read(hex("03 6e6178")))
        .isInstanceOf(MultistreamException.class)
        .hasMessageContaining("does not end with");
  }

  @Test
  void oversizedLengthIsRejectedBeforeTheBodyArrives() {
    ByteBuf in = Unpooled.buffer();
    ai.hanzo.libp2p.multiformats.Varint.write(1025, in);
    assertThatThrownBy(() -> MultistreamMessages.read(in))
        .isInstanceOf(MultistreamException.class)
        .hasMessage("message of 1025 bytes exceeds the limit of 1024");
  }

  @Test
  void emptyMessageAndBadVarintAreRejected() {
    assertThatThrownBy(() -> MultistreamMessages.read(hex("00")))
        .isInstanceOf(MultistreamException.class)
        .hasMessage("empty message: it must at least hold the trailing '\\n'");
    assertThatThrownBy(() -> MultistreamMessages.read(hex("ffffffffffffffffff01")))
        .isInstanceOf(MultistreamException.class)
        .hasMessage("bad message length prefix: varint longer than 9 bytes");
    assertThatThrownBy(() -> MultistreamMessages.read(hex("8000")))
        .isInstanceOf(MultistreamException.class)
        .hasMessage("bad message length prefix: varint is not minimally encoded");
  }

  @Test
  void invalidUtf8IsRejected() {
    assertThatThrownBy(() -> MultistreamMessages.read(hex("02 ff0a")))
        .isInstanceOf(MultistreamException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void listAnswerNestsOneMessagePerProtocol() throws Exception {
    ByteBuf in = Unpooled.wrappedBuffer(MultistreamMessages.encodeList(List.of("/a", "/bc")));
    String body = MultistreamMessages.read(in);
    ByteBuf nested = Unpooled.copiedBuffer(body, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ByteBufUtil.hexDump(nested)).isEqualTo("032f610a" + "042f62630a");
    assertThat(MultistreamMessages.read(nested)).isEqualTo("/a");
    assertThat(MultistreamMessages.read(nested)).isEqualTo("/bc");
  }
}
