package ai.hanzo.node.config;

import java.time.Duration;

/**
 * How the node serves models.
 *
 * @param memoryBudgetBytes what all loaded models together may take (weights and caches, as the engine estimates
 *     them from the file); 0 means auto: half of the machine's memory, decided when the node starts
 * @param queueDepth requests that may wait for one model while it generates for another; more are refused with
 *     RESOURCE_EXHAUSTED (HTTP 429)
 * @param maxModelBytes the largest model a client may upload (UploadModel)
 * @param uploadIdleTimeout how long an upload may send nothing before it is ended
 */
public record ModelServingConfig(long memoryBudgetBytes, int queueDepth, long maxModelBytes,
    Duration uploadIdleTimeout) {
  public static final int DEFAULT_QUEUE_DEPTH = 16;
  public static final int MAX_QUEUE_DEPTH = 10_000;
  /** Larger than any open-weights GGUF one node serves today. */
  public static final long DEFAULT_MAX_MODEL_BYTES = 256L << 30;
  public static final Duration DEFAULT_UPLOAD_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final ModelServingConfig DEFAULTS = new ModelServingConfig(0, DEFAULT_QUEUE_DEPTH,
      DEFAULT_MAX_MODEL_BYTES, DEFAULT_UPLOAD_IDLE_TIMEOUT);

  public ModelServingConfig {
    if (memoryBudgetBytes < 0) {
      throw new IllegalArgumentException("the model memory budget cannot be negative: " + memoryBudgetBytes);
    }
    if (queueDepth < 0 || queueDepth > MAX_QUEUE_DEPTH) {
      throw new IllegalArgumentException("the model queue depth must be 0 to " + MAX_QUEUE_DEPTH + ": " + queueDepth);
    }
    if (maxModelBytes <= 0) {
      throw new IllegalArgumentException("the largest model must be at least 1 byte: " + maxModelBytes);
    }
    if (uploadIdleTimeout.isNegative() || uploadIdleTimeout.isZero()) {
      throw new IllegalArgumentException("the upload idle timeout must be positive: " + uploadIdleTimeout);
    }
  }

  public boolean autoBudget() {
    return memoryBudgetBytes == 0;
  }
}
