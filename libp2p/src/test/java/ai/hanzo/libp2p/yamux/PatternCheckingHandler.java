package ai.hanzo.libp2p.yamux;

import io.netty.buffer.ByteBuf;

/** Counts received bytes and checks that they follow {@link PatternPump}'s pattern. */
final class PatternCheckingHandler extends RecordingHandler {
  private long position;
  volatile long firstMismatch = -1;

  PatternCheckingHandler() {
    super(false);
  }

  @Override
  void onBytes(ByteBuf data) {
    for (int i = data.readerIndex(); i < data.writerIndex(); i++) {
      if ((data.getByte(i) & 0xFF) != PatternPump.patternByte(position) && firstMismatch < 0) {
        firstMismatch = position;
      }
      position++;
    }
  }
}
