package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The multistream-select message codec: uvarint length (counting the trailing '\n'), text, '\n'. */
public final class MultistreamMessages {
  public static final String PROTOCOL_ID = "/multistream/1.0.0";
  public static final String NA = "na";
  public static final String LS = "ls";
  /** Longest message accepted, length prefix excluded. */
  public static final int MAX_MESSAGE_LENGTH = 1024;

  private MultistreamMessages() {}

  public static void write(String message, ByteBuf out) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    Varint.write(text.length + 1L, out);
    out.writeBytes(text);
    out.writeByte('\n');
  }

  public static byte[] encode(String... messages) {
    ByteBuf out = Unpooled.buffer();
    for (String message : messages) {
      write(message, out);
    }
    return drain(out);
  }

  /**
   * The answer to {@code ls}: one message whose body is each protocol as a message of its own
   * (as go- and js-multistream write it).
   */
  public static byte[] encodeList(List<String> protocols) {
    ByteBuf body = Unpooled.buffer();
    protocols.forEach(p -> write(p, body));
    ByteBuf out = Unpooled.buffer();
    Varint.write(body.readableBytes() + 1L, out);
    out.writeBytes(body);
    out.writeByte('\n');
    body.release();
    return drain(out);
  }

  /**
   * Reads one message, without its '\n'. Returns null and leaves {@code in} untouched when the
   * message is not complete yet.
   *
   * @throws MultistreamException for a bad length prefix, a length over {@link
   *     #MAX_MESSAGE_LENGTH}, a missing '\n' or text that is not UTF-8
   */
  public static String read(ByteBuf in) throws MultistreamException {
    int length;
    try {
      length = VarintFrames.nextFrame(in, MAX_MESSAGE_LENGTH);
    } catch (IllegalArgumentException e) {
      throw new MultistreamException(e.getCause() instanceof MultiformatException malformed
          ? "bad message length prefix: " + malformed.getMessage() : e.getMessage());
    }
    if (length < 0) {
      return null;
    }
    if (length == 0) {
      throw new MultistreamException("empty message: it must at least hold the trailing '\\n'");
    }
    int textLength = length - 1;
    if (in.getByte(in.readerIndex() + textLength) != '\n') {
      throw new MultistreamException("message does not end with '\\n'");
    }
    ByteBuffer text = in.nioBuffer(in.readerIndex(), textLength);
    in.skipBytes(length);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(text).toString();
    } catch (CharacterCodingException e) {
      throw new MultistreamException("message is not valid UTF-8");
    }
  }

  static void requireHeader(String message) throws MultistreamException {
    if (!PROTOCOL_ID.equals(message)) {
      throw new MultistreamException(
          "expected the " + PROTOCOL_ID + " header, got '" + message + "'");
    }
  }

  static void requireOpen(boolean finished) throws MultistreamException {
    if (finished) {
      throw new MultistreamException("negotiation already finished");
    }
  }

  /** The readable bytes of {@code buf}, which is released. */
  private static byte[] drain(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
