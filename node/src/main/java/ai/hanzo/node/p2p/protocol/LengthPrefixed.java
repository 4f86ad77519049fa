package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Writes one uvarint-length-prefixed message, the framing of every {@code /hanzo/...} request protocol. */
public final class LengthPrefixed {
  private LengthPrefixed() {}

  public static ByteBuf frame(ByteBufAllocator alloc, byte[] message) {
    ByteBuf out = alloc.buffer(Varint.encodedLength(message.length) + message.length);
    Varint.write(message.length, out);
    out.writeBytes(message);
    return out;
  }
}
