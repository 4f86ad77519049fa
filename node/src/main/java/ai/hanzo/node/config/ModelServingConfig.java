package ai.hanzo.node.config;

/**
 * How the node serves models.
 *
 * @param memoryBudgetBytes what all loaded models together may take (weights and caches, as the engine estimates
 *     them from the file); 0 means auto: half of the machine's memory, decided when the node starts
 * @param queueDepth requests that may wait for one model while it generates for another; more are refused with
 *     RESOURCE_EXHAUSTED (HTTP 429)
 */
public record ModelServingConfig(long memoryBudgetBytes, int queueDepth) {
  public static final int DEFAULT_QUEUE_DEPTH = 16;
  public static final int MAX_QUEUE_DEPTH = 10_000;
  public static final ModelServingConfig DEFAULTS = new ModelServingConfig(0, DEFAULT_QUEUE_DEPTH);

  public ModelServingConfig {
    if (memoryBudgetBytes < 0) {
      throw new IllegalArgumentException("the model memory budget cannot be negative: " + memoryBudgetBytes);
    }
    if (queueDepth < 0 || queueDepth > MAX_QUEUE_DEPTH) {
      throw new IllegalArgumentException("the model queue depth must be 0 to " + MAX_QUEUE_DEPTH + ": " + queueDepth);
    }
  }

  public boolean autoBudget() {
    return memoryBudgetBytes == 0;
  }
}
