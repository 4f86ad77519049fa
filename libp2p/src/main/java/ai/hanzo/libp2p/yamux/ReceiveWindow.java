package ai.hanzo.libp2p.yamux;

/**
 * The receive side's flow-control arithmetic for one stream. Credit goes back to the remote only
 * for bytes the handler consumed, once half a window has been consumed; when windows are used up
 * faster than a few round trips the window doubles, up to the configured maximum.
 */
final class ReceiveWindow {
  private final int maxWindow;
  private long windowSize = YamuxConfig.INITIAL_WINDOW;
  private long remaining = YamuxConfig.INITIAL_WINDOW;
  private long consumedUncredited;
  private long lastCreditNanos;

  ReceiveWindow(int maxWindow, long nowNanos) {
    this.maxWindow = maxWindow;
    this.lastCreditNanos = nowNanos;
  }

  /** Bytes the remote may still send. */
  long remaining() {
    return remaining;
  }

  long windowSize() {
    return windowSize;
  }

  void received(long bytes) {
    remaining -= bytes;
  }

  /**
   * Records {@code bytes} consumed and returns the credit to grant now, or 0 to wait for more.
   *
   * @param rttNanos last measured round-trip time, or 0 when unknown (no auto-tuning then)
   */
  long consumed(long bytes, long nowNanos, long rttNanos) {
    consumedUncredited += bytes;
    if (consumedUncredited < windowSize / 2) {
      return 0;
    }
    long credit = consumedUncredited;
    if (rttNanos > 0 && nowNanos - lastCreditNanos < 4 * rttNanos && windowSize < maxWindow) {
      long growth = Math.min(windowSize, maxWindow - windowSize);
      windowSize += growth;
      credit += growth;
    }
    consumedUncredited = 0;
    lastCreditNanos = nowNanos;
    remaining += credit;
    return credit;
  }
}
