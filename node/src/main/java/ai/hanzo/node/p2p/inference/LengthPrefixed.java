package ai.hanzo.node.p2p.inference;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Writes one uvarint-length-prefixed message, the framing of {@code /hanzo/inference/1.0.0} and {@code /hanzo/deploy/1.0.0}. */
public final class LengthPrefixed {
  private LengthPrefixed() {}

  public static ByteBuf frame(ByteBufAllocator alloc, byte[] message) {
    ByteBuf out = alloc.buffer(Varint.encodedLength(message.length) + message.length);
    Varint.write(message.length, out);
    out.writeBytes(message);
    return out;
  }
}
