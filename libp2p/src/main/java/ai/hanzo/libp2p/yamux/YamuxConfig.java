package ai.hanzo.libp2p.yamux;

import java.time.Duration;

/**
 * Yamux limits and tuning.
 *
 * @param maxWindow the receive window auto-tuning may grow a stream to; also bounds the inbound
 *     bytes one stream buffers
 * @param maxInboundStreams concurrent streams the remote may open; a SYN beyond gets RST
 * @param maxOutboundStreams concurrent streams this side may open
 * @param maxFrameLength largest data frame accepted (bounds buffering of a single frame)
 * @param maxConnectionBufferedBytes inbound bytes buffered across all streams; the stream whose
 *     data would pass it is reset
 * @param maxSendFrameLength payload size of the data frames this side sends
 * @param writeHighWaterMark unsent bytes per stream above which it reports not writable
 * @param keepAliveInterval ping interval; an unanswered ping by the next one closes the
 *     connection; {@link Duration#ZERO} turns keep-alive off
 */
public record YamuxConfig(
    int maxWindow,
    int maxInboundStreams,
    int maxOutboundStreams,
    int maxFrameLength,
    long maxConnectionBufferedBytes,
    int maxSendFrameLength,
    int writeHighWaterMark,
    Duration keepAliveInterval) {

  /** The window every stream starts with in both directions (fixed by the spec). */
  public static final int INITIAL_WINDOW = 256 * 1024;

  public YamuxConfig {
    if (maxWindow < INITIAL_WINDOW) {
      throw new IllegalArgumentException("maxWindow must be at least " + INITIAL_WINDOW);
    }
    if (maxInboundStreams < 1 || maxOutboundStreams < 1) {
      throw new IllegalArgumentException("stream limits must be positive");
    }
    if (maxFrameLength < INITIAL_WINDOW) {
      throw new IllegalArgumentException("maxFrameLength must be at least " + INITIAL_WINDOW);
    }
    if (maxConnectionBufferedBytes < INITIAL_WINDOW) {
      throw new IllegalArgumentException(
          "maxConnectionBufferedBytes must be at least " + INITIAL_WINDOW);
    }
    if (maxSendFrameLength < 1 || writeHighWaterMark < 1) {
      throw new IllegalArgumentException("maxSendFrameLength and writeHighWaterMark must be positive");
    }
    if (keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must not be negative");
    }
  }

  public static YamuxConfig defaults() {
    return new YamuxConfig(
        16 * 1024 * 1024,
        1000,
        1000,
        16 * 1024 * 1024,
        64L * 1024 * 1024,
        64 * 1024,
        256 * 1024,
        Duration.ofSeconds(30));
  }

  public YamuxConfig withKeepAliveInterval(Duration interval) {
    return new YamuxConfig(maxWindow, maxInboundStreams, maxOutboundStreams, maxFrameLength,
        maxConnectionBufferedBytes, maxSendFrameLength, writeHighWaterMark, interval);
  }

  public YamuxConfig withStreamLimits(int inbound, int outbound) {
    return new YamuxConfig(maxWindow, inbound, outbound, maxFrameLength,
        maxConnectionBufferedBytes, maxSendFrameLength, writeHighWaterMark, keepAliveInterval);
  }

  public YamuxConfig withMaxWindow(int window) {
    return new YamuxConfig(window, maxInboundStreams, maxOutboundStreams, maxFrameLength,
        maxConnectionBufferedBytes, maxSendFrameLength, writeHighWaterMark, keepAliveInterval);
  }

  public YamuxConfig withMaxConnectionBufferedBytes(long bytes) {
    return new YamuxConfig(maxWindow, maxInboundStreams, maxOutboundStreams, maxFrameLength,
        bytes, maxSendFrameLength, writeHighWaterMark, keepAliveInterval);
  }
}
