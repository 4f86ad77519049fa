package ai.hanzo.node.inference.llama;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.GgufFile;
import ai.hanzo.node.models.GgufFormatException;
import ai.hanzo.node.models.GgufReader;
import ai.hanzo.node.models.ModelInfo;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import de.kherud.llama.args.PoolingType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llama.cpp in process. Generations run on this engine's own pool of {@code generationThreads} threads with a queue
 * of {@code queueCapacity} waiting generations; beyond that, generate fails at once with RESOURCE_EXHAUSTED. A thread
 * only waits for its sequence's tokens (llama.cpp decodes every slot of a model in one batch on a native thread of its
 * own), so the pool must have a thread for every slot that may decode at once. When
 * no context length is asked for, a model gets its own, but at most {@link #DEFAULT_MAX_CONTEXT} tokens, so a
 * model trained for 128k tokens does not take gigabytes of cache by default.
 */
public final class LlamaEngine implements InferenceEngine {
  /** The GGUF key of a model's own chat template (Jinja), as llama.cpp reads it. */
  static final String CHAT_TEMPLATE = "tokenizer.chat_template";
  public static final int DEFAULT_MAX_CONTEXT = 4096;
  /** The GGUF key (after the architecture's name) of a model's own pooling of embeddings, when it has one. */
  private static final String POOLING_TYPE = ".pooling_type";
  private static final Logger log = LoggerFactory.getLogger(LlamaEngine.class);

  private final ThreadPoolExecutor executor;

  public LlamaEngine(int generationThreads, int queueCapacity) {
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(generationThreads, generationThreads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), runnable -> {
          Thread thread = new Thread(runnable, "llama-generate-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    routeNativeLog();
  }

  @Override
  public String name() {
    return "llama.cpp";
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options) throws IOException {
    return estimateMemory(file, options, ModelUse.GENERATION);
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options, ModelUse use) throws IOException {
    ModelInfo info = inspect(file);
    return memory(info, contextLength(info, options), slots(options, use), use);
  }

  /**
   * Sequences a model decodes at once: {@link LoadOptions#parallel()} for generation; one for embeddings, whose
   * context is a single whole-context micro-batch already (see {@link #load(String, Path, LoadOptions, ModelUse)}).
   */
  static int slots(LoadOptions options, ModelUse use) {
    return use == ModelUse.EMBEDDINGS ? 1 : options.parallel();
  }

  /**
   * Weights and KV cache; for embeddings also the attention scores of a whole-context micro-batch, which llama.cpp
   * reserves up front (without flash attention): context x context x heads F32 values, 512 MiB for 8 heads and 4096
   * tokens (measured: a 608 MiB compute buffer). A generation context's micro-batch is 512 tokens, so its scores
   * are an eighth of that at 4096 tokens and left out, as before.
   */
  private static long memory(ModelInfo info, int context, int slots, ModelUse use) {
    // every slot has a whole context of its own in the KV cache (llama.cpp splits n_ctx between the slots)
    long base = info.fileSize() + info.kvCacheBytes(context) * slots;
    if (use != ModelUse.EMBEDDINGS) {
      return base;
    }
    return base + (long) context * context * Math.max(1, info.headCount()) * Float.BYTES;
  }

  @Override
  public LoadedModel load(String name, Path file, LoadOptions options) throws IOException {
    return load(name, file, options, ModelUse.GENERATION);
  }

  /**
   * A model is loaded once per use, each with a context of its own. Why not one context for both: llama.cpp's
   * embedding mode pools the output rows and needs the whole input in one micro-batch, so its micro-batch is the
   * whole context, and the attention scores of such a batch take context x context x heads floats (see
   * {@link #memory}); a generation context keeps llama.cpp's 512-token micro-batch and pays nothing for embeddings
   * it may never serve. Besides, a context has one sequence slot, so sharing it would make embeddings wait behind
   * long generations. The weights are memory-mapped, so the kernel shares their pages between the two contexts; the
   * budget still counts each whole, which over-counts rather than risks running out of memory when only one stays
   * loaded.
   */
  @Override
  public LoadedModel load(String name, Path file, LoadOptions options, ModelUse use) throws IOException {
    GgufFile header = header(file);
    ModelInfo info = ModelInfo.of(header);
    boolean chatTemplate = header.string(CHAT_TEMPLATE).isPresent();
    int context = contextLength(info, options);
    int slots = slots(options, use);
    // llama.cpp's server code splits n_ctx evenly between its slots; asking for context x slots gives every
    // sequence the whole context the API promises (and Generations checks the prompt against).
    // Jinja: llama.cpp renders any model's own template (without it, only the templates it recognises by name)
    ModelParameters parameters = new ModelParameters().setModel(file.toString()).setCtxSize(context * slots)
        .setThreads(options.threads()).setThreadsBatch(options.threads()).setParallel(slots).setGpuLayers(0)
        .enableJinja();
    if (slots > 1) {
      // continuous batching: a slot that finishes takes the next request while the others keep decoding
      parameters.enableContBatching();
    }
    if (use == ModelUse.EMBEDDINGS) {
      parameters.enableEmbedding().setBatchSize(context).setUbatchSize(context);
      if (header.integer(info.architecture() + POOLING_TYPE).isEmpty()) {
        // A model that names no pooling (every generative llama) is pooled by its last token: the one that has
        // attended to the whole input, as decoder-only embedding models and node-llama-cpp's getEmbeddingFor do.
        // Mean pooling would be the other choice, but this llama.cpp build aborts the process (GGML_ASSERT in
        // ggml_can_mul_mat) while creating a mean-pooled context for a causal model: see bench/RESULTS.md.
        parameters.setPoolingType(PoolingType.LAST);
      }
    }
    LlamaModel model;
    try {
      model = new LlamaModel(parameters);
    } catch (RuntimeException e) {
      // java-llama.cpp's LlamaException is not public: any failure of the constructor means the model did not load
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "llama.cpp could not load model '" + name + "' from "
          + file + ": " + e.getMessage());
    }
    log.info("loaded model {} from {} for {} ({} parameters, {}, context {}, {} sequences at once)", name, file,
        use.name().toLowerCase(java.util.Locale.ROOT), info.parameterCount(), info.quantization(), context, slots);
    return new LlamaLoadedModel(name, model, memory(info, context, slots, use), context, slots, executor,
        chatTemplate, use);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ModelInfo inspect(Path file) throws IOException {
    return ModelInfo.of(header(file));
  }

  private static GgufFile header(Path file) throws IOException {
    try {
      return GgufReader.read(file);
    } catch (GgufFormatException e) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, file + " is not a model llama.cpp can load: "
          + e.getMessage());
    }
  }

  private static int contextLength(ModelInfo info, LoadOptions options) {
    if (options.contextLength() > 0) {
      return options.contextLength();
    }
    long own = info.contextLength() > 0 ? info.contextLength() : DEFAULT_MAX_CONTEXT;
    return (int) Math.min(own, DEFAULT_MAX_CONTEXT);
  }

  /**
   * llama.cpp logs every load and request to stderr by default; through SLF4J at debug (warnings and errors at
   * their level) it follows the node's log settings. The logger is process-wide in llama.cpp; setting it again is
   * harmless.
   */
  private static void routeNativeLog() {
    Logger nativeLog = LoggerFactory.getLogger("llama.cpp");
    try {
      LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
        String line = message.strip();
        if (level == LogLevel.ERROR) {
          nativeLog.error(line);
        } else if (level == LogLevel.WARN) {
          nativeLog.warn(line);
        } else {
          nativeLog.debug(line);
        }
      });
    } catch (UnsatisfiedLinkError e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the llama.cpp native library did not load on this machine ("
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e.getMessage());
    }
  }
}
