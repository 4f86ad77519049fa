package ai.hanzo.libp2p.kad.wire;

import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.multiformats.VarintFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** DHT messages on a stream: uvarint-length-prefixed, each at most the configured size. */
public final class MessageFramer {
  private final VarintFrames frames;

  public MessageFramer(int maxLength) {
    this.frames = new VarintFrames(maxLength);
  }

  /** Takes ownership of {@code data}; returns every message it completed. */
  public List<byte[]> add(ByteBuf data) throws DhtProtocolException {
    try {
      return frames.add(data);
    } catch (IllegalArgumentException e) {
      throw new DhtProtocolException("DHT " + e.getMessage(), e);
    }
  }

  /** True when bytes of an unfinished message are buffered. */
  public boolean hasPartial() {
    return frames.hasPartial();
  }

  public void release() {
    frames.release();
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
