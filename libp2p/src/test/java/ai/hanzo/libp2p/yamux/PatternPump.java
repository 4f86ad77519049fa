package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@code total} bytes of a position pattern as fast as the stream stays writable, then
 * closes its side; records how many bytes reached the connection and the largest unsent queue.
 */
final class PatternPump implements StreamHandler {
  static final int CHUNK = 64 * 1024;

  private final long total;
  private long written;
  final AtomicLong handedOver = new AtomicLong();
  final AtomicLong maxUnsent = new AtomicLong();

  PatternPump(long total) {
    this.total = total;
  }

  static int patternByte(long position) {
    return (int) (position % 251);
  }

  @Override
  public void onActive(MuxedStream stream) {
    pump(stream);
  }

  @Override
  public void onWritabilityChanged(MuxedStream stream) {
    pump(stream);
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    data.release();
  }

  private void pump(MuxedStream stream) {
    while (stream.isWritable() && written < total) {
      int n = (int) Math.min(CHUNK, total - written);
      ByteBuf chunk = stream.alloc().buffer(n);
      for (int i = 0; i < n; i++) {
        chunk.writeByte(patternByte(written + i));
      }
      written += n;
      stream.write(chunk).addListener(f -> {
        if (f.isSuccess()) {
          handedOver.addAndGet(n);
        }
      });
      maxUnsent.accumulateAndGet(stream.unsentBytes(), Math::max);
      if (written == total) {
        stream.closeWrite();
      }
    }
  }
}
