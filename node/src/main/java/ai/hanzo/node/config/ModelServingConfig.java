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
 * @param parallel sequences one llama.cpp model decodes at once (its slots, batched together); 0 means auto:
 *     {@link #autoParallel(int)} of the machine's cores, decided when the node starts
 */
public record ModelServingConfig(long memoryBudgetBytes, int queueDepth, long maxModelBytes,
    Duration uploadIdleTimeout, int parallel) {
  public static final int DEFAULT_QUEUE_DEPTH = 16;
  public static final int MAX_QUEUE_DEPTH = 10_000;
  /** Larger than any open-weights GGUF one node serves today. */
  public static final long DEFAULT_MAX_MODEL_BYTES = 256L << 30;
  public static final Duration DEFAULT_UPLOAD_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** The most sequences one model decodes at once (LoadOptions.MAX_PARALLEL). */
  public static final int MAX_PARALLEL = 64;
  /** The most slots auto gives a model: see {@link #autoParallel(int)}. */
  public static final int AUTO_PARALLEL_CAP = 4;
  public static final ModelServingConfig DEFAULTS = new ModelServingConfig(0, DEFAULT_QUEUE_DEPTH,
      DEFAULT_MAX_MODEL_BYTES, DEFAULT_UPLOAD_IDLE_TIMEOUT, 0);

  /** Auto parallelism. */
  public ModelServingConfig(long memoryBudgetBytes, int queueDepth, long maxModelBytes, Duration uploadIdleTimeout) {
    this(memoryBudgetBytes, queueDepth, maxModelBytes, uploadIdleTimeout, 0);
  }

  public ModelServingConfig {
    if (memoryBudgetBytes < 0) {
      throw new IllegalArgumentException("the model memory budget cannot be negative: " + memoryBudgetBytes);
    }
    if (queueDepth < 0 || queueDepth > MAX_QUEUE_DEPTH) {
      throw new IllegalArgumentException("the model queue depth must be 0 to " + MAX_QUEUE_DEPTH + ": " + queueDepth);
    }
    if (parallel < 0 || parallel > MAX_PARALLEL) {
      throw new IllegalArgumentException("the sequences decoded at once must be 1 to " + MAX_PARALLEL + " (0 for"
          + " auto): " + parallel);
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

  /** {@link #parallel}, with auto decided for a machine of {@code cores} cores. */
  public int parallelFor(int cores) {
    return parallel == 0 ? autoParallel(cores) : parallel;
  }

  /**
   * One slot per core, at most {@link #AUTO_PARALLEL_CAP}. Why: decoding one sequence on a CPU is bound by reading
   * the weights from memory, so a batch of a few sequences costs little more per step than one and the others get
   * their tokens at once instead of waiting the whole generation (time to first token stops growing with the queue);
   * beyond a handful the step becomes compute-bound, every sequence slows, and each slot also reserves a whole
   * context of KV cache. The measurements behind this are in bench/RESULTS.md (ParallelDecodingBench).
   */
  public static int autoParallel(int cores) {
    return Math.max(1, Math.min(AUTO_PARALLEL_CAP, cores));
  }
}
