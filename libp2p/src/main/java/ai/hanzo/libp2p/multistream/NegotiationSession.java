package ai.hanzo.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/** Drives a {@link Negotiation} from raw inbound bytes; shared by the channel and stream adapters. */
final class NegotiationSession {
  private final Negotiation negotiation;
  private final MessageReader reader;

  NegotiationSession(Negotiation negotiation, ByteBufAllocator alloc) {
    this.negotiation = negotiation;
    this.reader = new MessageReader(alloc);
  }

  byte[] start() {
    return negotiation.start().reply();
  }

  /**
   * Takes ownership of {@code data}, answers every complete message through {@code send}, and
   * returns the selected protocol once agreed (later bytes stay for {@link #takeRemainder()}).
   */
  String feed(ByteBuf data, Consumer<byte[]> send) throws MultistreamException {
    reader.add(data);
    String message;
    while ((message = reader.next()) != null) {
      NegotiationStep step = negotiation.onMessage(message);
      if (step.reply().length > 0) {
        send.accept(step.reply());
      }
      if (step.isSelected()) {
        return step.selected();
      }
    }
    return null;
  }

  ByteBuf takeRemainder() {
    return reader.takeRemainder();
  }

  void release() {
    reader.release();
  }
}
