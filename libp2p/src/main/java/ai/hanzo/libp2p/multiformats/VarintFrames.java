package ai.hanzo.libp2p.multiformats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Splits a byte stream into uvarint-length-prefixed messages, as Identify, Kademlia, pubsub and multistream-select
 * frame them. A declared length above the limit is handled before its bytes arrive: {@link #add(ByteBuf)} fails the
 * stream (Identify, Kademlia); {@link #add(ByteBuf, LongConsumer)} reports it and skips its bytes as they come, never
 * buffering them (pubsub, where an oversized RPC costs the sender a penalty rather than the stream). Either way a peer
 * can make us buffer at most one limit's worth (plus a prefix). Not thread-safe: one per stream, on its event loop.
 * {@link #nextFrame} reads the same framing one message at a time off a buffer the caller keeps, for a protocol whose
 * stream goes on in another framing after its last message (multistream-select).
 */
public final class VarintFrames {
  private final int maxLength;
  private final ByteBuf buffer = Unpooled.buffer();
  /** Bytes of an oversized message still to be dropped as they arrive. */
  private long skipping;

  public VarintFrames(int maxLength) {
    this.maxLength = maxLength;
  }

  /**
   * Takes ownership of {@code data}; returns every message it completed.
   *
   * @throws IllegalArgumentException on a malformed length prefix or a message longer than the limit
   */
  public List<byte[]> add(ByteBuf data) {
    return add(data, length -> {
      throw new IllegalArgumentException(tooLong(length, maxLength));
    });
  }

  /**
   * Takes ownership of {@code data}; returns every message it completed. A message longer than the limit is passed
   * to {@code oversized} (which may throw to fail instead) and then skipped, so the messages after it still arrive.
   *
   * @throws IllegalArgumentException on a malformed length prefix (the stream cannot be resynchronized)
   */
  public List<byte[]> add(ByteBuf data, LongConsumer oversized) {
    try {
      int skip = (int) Math.min(skipping, data.readableBytes());
      data.skipBytes(skip);
      skipping -= skip;
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
    List<byte[]> frames = new ArrayList<>(1);
    while (buffer.isReadable()) {
      int start = buffer.readerIndex();
      long length = readPrefix(buffer);
      if (length < 0) {
        break;
      }
      if (length > maxLength) {
        oversized.accept(length);
        int skip = (int) Math.min(length, buffer.readableBytes());
        buffer.skipBytes(skip);
        skipping = length - skip;
        continue;
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

  /**
   * The next message of {@code in} when all of it is there, leaving the bytes after it unread: returns its length
   * with the reader index past its prefix, the body being the next that many bytes. Returns -1, the reader index
   * untouched, while the prefix or the body has not all arrived.
   *
   * @throws IllegalArgumentException on a malformed length prefix (its cause the {@link MultiformatException} of the
   *     varint) or a declared length above {@code maxLength}, as soon as the prefix is complete; in the words of
   *     {@link #add(ByteBuf)}
   */
  public static int nextFrame(ByteBuf in, int maxLength) {
    int start = in.readerIndex();
    long length = readPrefix(in);
    if (length < 0) {
      return -1;
    }
    if (length > maxLength) {
      in.readerIndex(start);
      throw new IllegalArgumentException(tooLong(length, maxLength));
    }
    if (in.readableBytes() < length) {
      in.readerIndex(start);
      return -1;
    }
    return (int) length;
  }

  /** The length prefix at the reader index, or -1 (nothing read) while it is incomplete. */
  private static long readPrefix(ByteBuf in) {
    try {
      return Varint.read(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad length prefix: " + e.getMessage(), e);
    }
  }

  private static String tooLong(long length, int maxLength) {
    return "message of " + length + " bytes exceeds the limit of " + maxLength;
  }

  /** True when part of a message is buffered or still being skipped. */
  public boolean hasPartial() {
    return buffer.isReadable() || skipping > 0;
  }

  public void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
