package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.ModelServingConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the node serves models: the memory all loaded models may take, how many requests wait per model, and how many
 * sequences a model decodes at once.
 */
public final class ModelOptions {
  static final Setting<Long> MODEL_MEMORY_BUDGET = new Setting<>("--model-memory-budget",
      "HANZO_MODEL_MEMORY_BUDGET", "auto", "auto or a size of at least 1MiB such as 8GiB or 512MiB",
      Parsers::byteSizeOrAuto);
  static final Setting<Integer> MODEL_QUEUE_DEPTH = new Setting<>("--model-queue-depth", "HANZO_MODEL_QUEUE_DEPTH",
      Integer.toString(ModelServingConfig.DEFAULT_QUEUE_DEPTH),
      "a number of requests from 0 to " + ModelServingConfig.MAX_QUEUE_DEPTH, Parsers::queueDepth);
  static final Setting<Integer> MODEL_PARALLEL = new Setting<>("--model-parallel", "HANZO_MODEL_PARALLEL", "auto",
      "auto or a number of sequences from 1 to " + ModelServingConfig.MAX_PARALLEL, Parsers::parallelOrAuto);

  static final Setting<Long> MAX_MODEL_SIZE = new Setting<>("--max-model-size", "HANZO_MAX_MODEL_SIZE", "256GiB",
      "a size of at least 1MiB such as 64GiB or 512MiB", Parsers::byteSize);
  static final Setting<java.time.Duration> MODEL_UPLOAD_IDLE_TIMEOUT = new Setting<>("--model-upload-idle-timeout",
      "HANZO_MODEL_UPLOAD_IDLE_TIMEOUT", "60s", "a duration such as 60s or 500ms", Parsers::positiveDuration);

  static final List<Setting<?>> ALL = List.of(MODEL_MEMORY_BUDGET, MODEL_QUEUE_DEPTH, MODEL_PARALLEL, MAX_MODEL_SIZE,
      MODEL_UPLOAD_IDLE_TIMEOUT);

  @Option(names = "--model-memory-budget", paramLabel = "SIZE",
      description = "Memory all loaded models together may take (weights and cache, estimated from the GGUF"
          + " header); a model is loaded on its first request and the least recently used idle ones are unloaded"
          + " to make room; a model larger than the whole budget is refused. auto: half of the machine's memory"
          + " (env HANZO_MODEL_MEMORY_BUDGET, default auto).")
  String modelMemoryBudget;

  @Option(names = "--model-queue-depth", paramLabel = "N",
      description = "Requests that may wait for one model while it generates; more are refused with HTTP 429 and"
          + " Retry-After (env HANZO_MODEL_QUEUE_DEPTH, default 16).")
  String modelQueueDepth;

  @Option(names = "--model-parallel", paramLabel = "N|auto",
      description = "Sequences one llama.cpp model decodes at once, batched together (its slots): that many requests"
          + " to a model generate concurrently, each with the model's whole context, while up to --model-queue-depth"
          + " more wait; each slot reserves its own KV cache, counted in the memory budget. Greedy (temperature 0)"
          + " output does not depend on what else is in the batch. auto: one per core, at most 4"
          + " (env HANZO_MODEL_PARALLEL, default auto).")
  String modelParallel;

  @Option(names = "--max-model-size", paramLabel = "SIZE",
      description = "The largest model a client may upload to this node (hanzo-node models load FILE --endpoint"
          + " ...); a larger declared size is refused before any byte is sent (env HANZO_MAX_MODEL_SIZE,"
          + " default 256GiB).")
  String maxModelSize;

  @Option(names = "--model-upload-idle-timeout", paramLabel = "DURATION",
      description = "How long a model upload may send nothing before the node ends it and deletes what came"
          + " (env HANZO_MODEL_UPLOAD_IDLE_TIMEOUT, default 60s).")
  String modelUploadIdleTimeout;

  ModelServingConfig toConfig(ConfigSources sources) {
    return new ModelServingConfig(sources.resolve(MODEL_MEMORY_BUDGET, modelMemoryBudget),
        sources.resolve(MODEL_QUEUE_DEPTH, modelQueueDepth), sources.resolve(MAX_MODEL_SIZE, maxModelSize),
        sources.resolve(MODEL_UPLOAD_IDLE_TIMEOUT, modelUploadIdleTimeout),
        sources.resolve(MODEL_PARALLEL, modelParallel));
  }
}
