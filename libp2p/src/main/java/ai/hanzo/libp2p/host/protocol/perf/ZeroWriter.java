package ai.hanzo.libp2p.host.protocol.perf;

import ai.hanzo.libp2p.mux.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Writes a number of zero bytes to a stream as fast as it stays writable, then runs a callback
 * once. Call {@link #pump} when starting and on every writability change.
 */
final class ZeroWriter {
  static final int CHUNK = 64 * 1024;
  /**
   * Every write is a view of these shared zeros: zeroing a freshly allocated chunk per write took
   * 5 % of the sending thread. Read-only and never released, so threads can share it.
   */
  private static final ByteBuf ZEROS = Unpooled.unreleasableBuffer(
      Unpooled.directBuffer(CHUNK, CHUNK).writeZero(CHUNK).asReadOnly());

  private long remaining;
  private final Runnable done;
  private boolean finished;

  ZeroWriter(long bytes, Runnable done) {
    this.remaining = bytes;
    this.done = done;
  }

  void pump(MuxedStream stream) {
    while (remaining > 0 && stream.isWritable() && !stream.isClosed()) {
      int n = (int) Math.min(CHUNK, remaining);
      stream.write(ZEROS.slice(0, n));
      remaining -= n;
    }
    if (remaining == 0 && !finished) {
      finished = true;
      done.run();
    }
  }
}
