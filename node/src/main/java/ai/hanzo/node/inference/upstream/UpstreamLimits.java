package ai.hanzo.node.inference.upstream;

import ai.hanzo.node.models.UpstreamTuning;
import java.time.Duration;

/**
 * How long and how much the node waits for and reads from an upstream.
 *
 * @param connect to open the connection
 * @param firstAnswer from sending a request to the answer's status line and headers (a model that loads on demand
 *     upstream takes part of this)
 * @param idle between two lines of an answer's body: an upstream that stops sending for longer is given up
 * @param maxLineBytes the longest line (one event of a stream) read
 * @param maxBodyBytes the most bytes of one answer read
 */
public record UpstreamLimits(Duration connect, Duration firstAnswer, Duration idle, int maxLineBytes,
    long maxBodyBytes) {
  public static UpstreamLimits defaults() {
    return new UpstreamLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60), 1 << 20,
        64L << 20);
  }

  /** These limits with the timeouts {@code tuning} sets for one upstream (its zeros keep these). */
  public UpstreamLimits with(UpstreamTuning tuning) {
    return new UpstreamLimits(orElse(tuning.connectTimeoutMs(), connect), orElse(tuning.headersTimeoutMs(),
        firstAnswer), orElse(tuning.idleTimeoutMs(), idle), maxLineBytes, maxBodyBytes);
  }

  private static Duration orElse(long ms, Duration fallback) {
    return ms == 0 ? fallback : Duration.ofMillis(ms);
  }
}
