package ai.hanzo.libp2p.multiformats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into uvarint-length-prefixed messages, as Identify and Kademlia frame them. A declared length
 * above the limit fails before its bytes arrive, so a peer can make us buffer at most one limit's worth (plus a
 * prefix). Not thread-safe: one per stream, on its event loop.
 */
public final class VarintFrames {
  private final int maxLength;
  private final ByteBuf buffer = Unpooled.buffer();

  public VarintFrames(int maxLength) {
    this.maxLength = maxLength;
  }

  /**
   * Takes ownership of {@code data}; returns every message it completed.
   *
   * @throws IllegalArgumentException on a malformed length prefix or a message longer than the limit
   */
  public List<byte[]> add(ByteBuf data) {
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
        throw new IllegalArgumentException("bad length prefix: " + e.getMessage(), e);
      }
      if (length < 0) {
        break;
      }
      if (length > maxLength) {
        throw new IllegalArgumentException("message of " + length + " bytes exceeds the limit of " + maxLength);
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
}
