package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits a pubsub stream into uvarint-length-prefixed frames. A frame longer than the limit is
 * skipped byte by byte as it arrives (never buffered) and reported, so an oversized RPC costs the
 * sender a penalty rather than the stream. Not thread-safe: one per stream, on its event loop.
 */
final class RpcFrameDecoder {
  /** What the decoder found. */
  interface Sink {
    void frame(byte[] frame);

    void oversized(long length);
  }

  private final int maxLength;
  private final ByteBuf buffer = Unpooled.buffer();
  private long skipping;

  RpcFrameDecoder(int maxLength) {
    this.maxLength = maxLength;
  }

  /**
   * Takes ownership of {@code data} and reports every complete frame.
   *
   * @throws InvalidMessageException on a malformed length prefix (the stream cannot be resynced)
   */
  void decode(ByteBuf data, Sink sink) throws InvalidMessageException {
    try {
      if (skipping > 0) {
        int skip = (int) Math.min(skipping, data.readableBytes());
        data.skipBytes(skip);
        skipping -= skip;
      }
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
    while (buffer.isReadable()) {
      int start = buffer.readerIndex();
      long length;
      try {
        length = Varint.read(buffer);
      } catch (IllegalArgumentException e) {
        throw new InvalidMessageException("bad RPC length prefix: " + e.getMessage());
      }
      if (length < 0) {
        buffer.readerIndex(start);
        break;
      }
      if (length > maxLength) {
        int skip = (int) Math.min(length, buffer.readableBytes());
        buffer.skipBytes(skip);
        skipping = length - skip;
        sink.oversized(length);
        continue;
      }
      if (buffer.readableBytes() < length) {
        buffer.readerIndex(start);
        break;
      }
      byte[] frame = new byte[(int) length];
      buffer.readBytes(frame);
      sink.frame(frame);
    }
    buffer.discardReadBytes();
  }

  void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
