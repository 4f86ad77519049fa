package ai.hanzo.libp2p.host.protocol.perf;

import ai.hanzo.libp2p.mux.MuxedStream;

/**
 * Writes a number of zero bytes to a stream as fast as it stays writable, then runs a callback
 * once. Call {@link #pump} when starting and on every writability change.
 */
final class ZeroWriter {
  static final int CHUNK = 64 * 1024;

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
      stream.write(stream.alloc().buffer(n).writeZero(n));
      remaining -= n;
    }
    if (remaining == 0 && !finished) {
      finished = true;
      done.run();
    }
  }
}
