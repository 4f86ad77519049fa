package ai.hanzo.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Collects inbound bytes until whole messages can be read, and keeps what follows the
 * negotiation for the protocol that comes next.
 */
final class MessageReader {
  private final ByteBuf buffer;

  MessageReader(ByteBufAllocator alloc) {
    this.buffer = alloc.buffer();
  }

  /** Takes ownership of {@code data}. */
  void add(ByteBuf data) {
    try {
      buffer.writeBytes(data);
    } finally {
      data.release();
    }
  }

  /** The next complete message, or null. */
  String next() throws MultistreamException {
    String message = MultistreamMessages.read(buffer);
    buffer.discardReadBytes();
    return message;
  }

  /** The bytes not read as messages, handed to the caller; the reader is done afterwards. */
  ByteBuf takeRemainder() {
    return buffer;
  }

  void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
