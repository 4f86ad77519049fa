package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stream into uvarint-length-prefixed messages, with a bound on message size and count
 * so that a peer cannot make us buffer more than {@code maxCount * maxLength} bytes.
 */
final class LengthPrefixedFrames {
  private final int maxLength;
  private final int maxCount;
  private final ByteBuf buffer = Unpooled.buffer();
  private final List<byte[]> frames = new ArrayList<>();

  LengthPrefixedFrames(int maxLength, int maxCount) {
    this.maxLength = maxLength;
    this.maxCount = maxCount;
  }

  /** Takes ownership of {@code data} and splits off every complete message. */
  void add(ByteBuf data) throws IdentifyException {
    try {
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
    while (true) {
      int start = buffer.readerIndex();
      long length;
      try {
        length = Varint.read(buffer);
      } catch (IllegalArgumentException e) {
        throw new IdentifyException("bad length prefix: " + e.getMessage());
      }
      if (length < 0) {
        break;
      }
      if (length > maxLength) {
        throw new IdentifyException(
            "message of " + length + " bytes exceeds the limit of " + maxLength);
      }
      if (buffer.readableBytes() < length) {
        buffer.readerIndex(start);
        break;
      }
      if (frames.size() == maxCount) {
        throw new IdentifyException("more than " + maxCount + " messages");
      }
      byte[] frame = new byte[(int) length];
      buffer.readBytes(frame);
      frames.add(frame);
    }
    buffer.discardReadBytes();
    if (buffer.readableBytes() > maxLength + 10) {
      throw new IdentifyException("incomplete message over the limit of " + maxLength);
    }
  }

  /** The messages read so far; fails when the stream ended inside one. */
  List<byte[]> finish() throws IdentifyException {
    boolean partial = buffer.isReadable();
    release();
    if (partial) {
      throw new IdentifyException("stream ended inside a message");
    }
    return List.copyOf(frames);
  }

  void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
