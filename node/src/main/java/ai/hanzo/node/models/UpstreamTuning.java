package ai.hanzo.node.models;

import ai.hanzo.node.error.NodeException;

/**
 * How the node treats one upstream model, set when it is added; 0 in any field means the node's default.
 *
 * @param maxInFlight requests the node sends the upstream at once (an upstream such as vLLM batches them); more wait
 *     in the model's queue, and a full queue answers 429 with Retry-After
 * @param connectTimeoutMs to open a connection to the upstream
 * @param headersTimeoutMs from sending a request to the answer's status line and headers (an upstream that loads the
 *     model on demand spends part of this)
 * @param idleTimeoutMs between two lines of an answer: an upstream silent for longer is given up
 * @param contextLength the model's context in tokens, when the upstream does not report it on {@code /models}
 */
public record UpstreamTuning(int maxInFlight, long connectTimeoutMs, long headersTimeoutMs, long idleTimeoutMs,
    int contextLength) {
  public static final int DEFAULT_MAX_IN_FLIGHT = 8;
  public static final int MAX_IN_FLIGHT = 256;
  public static final long MIN_TIMEOUT_MS = 100;
  public static final long MAX_CONNECT_TIMEOUT_MS = 300_000;
  public static final long MAX_TIMEOUT_MS = 3_600_000;
  public static final int MAX_CONTEXT_LENGTH = 16_777_216;
  public static final UpstreamTuning DEFAULTS = new UpstreamTuning(0, 0, 0, 0, 0);

  public UpstreamTuning {
    if (maxInFlight < 0 || maxInFlight > MAX_IN_FLIGHT) {
      throw NodeException.invalidField("max_in_flight", "must be 1 to " + MAX_IN_FLIGHT + " (0: the default, "
          + DEFAULT_MAX_IN_FLIGHT + ")");
    }
    checkTimeout("connect_timeout_ms", connectTimeoutMs, MAX_CONNECT_TIMEOUT_MS);
    checkTimeout("headers_timeout_ms", headersTimeoutMs, MAX_TIMEOUT_MS);
    checkTimeout("idle_timeout_ms", idleTimeoutMs, MAX_TIMEOUT_MS);
    if (contextLength < 0 || contextLength > MAX_CONTEXT_LENGTH) {
      throw NodeException.invalidField("context_length", "must be 1 to " + MAX_CONTEXT_LENGTH
          + " tokens (0: as the upstream reports it)");
    }
  }

  /** {@link #maxInFlight}, or the default when unset. */
  public int inFlight() {
    return maxInFlight == 0 ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
  }

  private static void checkTimeout(String field, long ms, long max) {
    if (ms != 0 && (ms < MIN_TIMEOUT_MS || ms > max)) {
      throw NodeException.invalidField(field, "must be " + MIN_TIMEOUT_MS + " to " + max
          + " milliseconds (0: the default)");
    }
  }
}
