package ai.hanzo.libp2p.kad.wire;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stream into uvarint-length-prefixed messages. A declared length above the limit fails
 * before its bytes arrive, so a peer can make us buffer at most one limit's worth.
 */
public final class MessageFramer {
  private final int maxLength;
  private final ByteBuf buffer = Unpooled.buffer();

  public MessageFramer(int maxLength) {
    this.maxLength = maxLength;
  }

  /** Takes ownership of {@code data}; returns every message it completed. */
  public List<byte[]> add(ByteBuf data) throws DhtProtocolException {
    try {
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
    List<byte[]> frames = new ArrayList<>(1);
    while (true) {
      int start = buffer.readerIndex();
      long length;
      try {
        length = Varint.read(buffer);
      } catch (IllegalArgumentException e) {
        throw new DhtProtocolException("bad length prefix: " + e.getMessage(), e);
      }
      if (length < 0) {
        break;
      }
      if (length > maxLength) {
        throw new DhtProtocolException(
            "DHT message of " + length + " bytes exceeds the limit of " + maxLength);
      }
      if (buffer.readableBytes() < length) {
        buffer.readerIndex(start);
        break;
      }
      byte[] frame = new byte[(int) length];
      buffer.readBytes(frame);
      frames.add(frame);
    }
    buffer.discardReadBytes();
    return frames;
  }

  /** True when bytes of an unfinished message are buffered. */
  public boolean hasPartial() {
    return buffer.isReadable();
  }

  public void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }

  /** {@code message} encoded and length-prefixed, ready to write. */
  public static ByteBuf frame(ByteBufAllocator alloc, DhtMessage message) {
    byte[] body = DhtCodec.encode(message);
    ByteBuf out = alloc.buffer(Varint.encodedLength(body.length) + body.length);
    Varint.write(body.length, out);
    out.writeBytes(body);
    return out;
  }
}
