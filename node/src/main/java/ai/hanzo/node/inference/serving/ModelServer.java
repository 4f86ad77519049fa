package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatGenerator;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.ModelPuller;
import ai.hanzo.node.models.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this node has loaded, within a memory budget. A model of the store is loaded on its first request;
 * when it does not fit beside the loaded ones, the least recently used models without pending requests are unloaded
 * until it does. A model whose estimate alone exceeds the budget, or that would only fit by unloading models that
 * are busy, is UNAVAILABLE with a message that says which. Loading and tokenizing block: call this from a blocking
 * executor, never from an event loop; generation itself runs on the engine's threads.
 */
public final class ModelServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelServer.class);
  private static final long MIB = 1024 * 1024;

  private final ModelStore store;
  private final InferenceEngine engine;
  private final long budgetBytes;
  private final int queueDepth;
  private final LoadOptions loadOptions;
  private final ModelPuller puller;
  /** Serves the store's models of kind {@code openai-upstream}; none when the node was built without it. */
  private final Optional<UpstreamEngine> upstreams;
  /**
   * By {@link ServedModel#key}; access order: the first entry is the least recently used. Guarded by {@code this}.
   */
  private final LinkedHashMap<String, ServedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);
  /** Loads in progress, so concurrent first requests for one model load it once. Guarded by {@code this}. */
  private final Map<String, CompletableFuture<ServedModel>> loading = new HashMap<>();
  /** Bytes of the loaded models plus the estimates of those being loaded. Guarded by {@code this}. */
  private long reservedBytes;
  private boolean closed;

  /**
   * @param budgetBytes what all loaded models together may take, as the engine estimates them
   * @param queueDepth requests that may wait per model besides the one generating
   */
  public ModelServer(ModelStore store, InferenceEngine engine, long budgetBytes, int queueDepth,
      LoadOptions loadOptions) {
    this(store, engine, budgetBytes, queueDepth, loadOptions, (reference, name) -> {
      throw new NodeException(ErrorCode.UNIMPLEMENTED, "this node pulls no models from registries");
    });
  }

  /** As above, pulling models into the store with {@code puller}. */
  public ModelServer(ModelStore store, InferenceEngine engine, long budgetBytes, int queueDepth,
      LoadOptions loadOptions, ModelPuller puller) {
    this(store, engine, budgetBytes, queueDepth, loadOptions, puller, Optional.empty());
  }

  /** As above, serving models of kind {@code openai-upstream} with {@code upstreams}. */
  public ModelServer(ModelStore store, InferenceEngine engine, long budgetBytes, int queueDepth,
      LoadOptions loadOptions, ModelPuller puller, Optional<UpstreamEngine> upstreams) {
    this.upstreams = upstreams;
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("the memory budget must be positive: " + budgetBytes);
    }
    this.store = store;
    this.engine = engine;
    this.budgetBytes = budgetBytes;
    this.queueDepth = queueDepth;
    this.loadOptions = loadOptions;
    this.puller = puller;
  }

  public long budgetBytes() {
    return budgetBytes;
  }

  /** Bytes the loaded models (and loads in progress) take from the budget now. */
  public synchronized long usedBytes() {
    return reservedBytes;
  }

  /** Every model of the store, loaded or not, by name. Blocking (reads the store). */
  public List<ModelRecord> available() {
    try {
      return store.list();
    } catch (IOException e) {
      throw new UncheckedIOException("the model store could not be read", e);
    }
  }

  /** The store's record of {@code name}, or NOT_FOUND naming it. Blocking. */
  public ModelRecord record(String name) {
    try {
      if (name == null || name.length() > ModelStore.MAX_NAME_LENGTH || !isValidName(name)) {
        throw NodeException.notFound("model", clip(String.valueOf(name)));
      }
      return store.find(name).orElseThrow(() -> NodeException.notFound("model", name));
    } catch (IOException e) {
      throw new UncheckedIOException("the model store could not be read", e);
    }
  }

  /** The loaded models, least recently used first. */
  public synchronized List<ServedModel> loaded() {
    return List.copyOf(loaded.values());
  }

  /**
   * The names of the loaded models, least recently used first (GetHealth's {@code models}); a model loaded for
   * generation and for embeddings is named once.
   */
  public List<String> loadedNames() {
    return loaded().stream().map(ServedModel::name).distinct().toList();
  }

  /**
   * Generates a completion of {@code prompt} with the model {@code name}, loading it first if needed. Everything
   * that can refuse the request does so here, before any token: NOT_FOUND for a model the store does not have,
   * UNAVAILABLE for one that cannot be loaded now, INVALID_ARGUMENT for a prompt that leaves no room in the
   * context, RESOURCE_EXHAUSTED when the model's queue is full. {@code max_tokens} is cut to what the context has
   * left, so such a completion ends with {@code length}. Blocking (may load the model).
   */
  public CompletableFuture<Completion> generate(String name, String prompt, GenerationParams params,
      TokenSink sink, Cancellation cancellation) {
    return start(name, prompt, params, sink, cancellation).result();
  }

  /**
   * A queued generation and the tokens of its prompt, which a generation that fails still processed (a failed
   * future carries no {@link Completion} to count them).
   */
  public record Generation(int promptTokens, CompletableFuture<Completion> result) {
  }

  /** {@link #generate}, also answering the prompt's token count. */
  public Generation start(String name, String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    return start(name, prompt, List.of(), params, sink, cancellation);
  }

  /**
   * {@link #start} of a chat: {@code messages} are formatted by the model's own chat template where it has one,
   * else {@code transcript} (their plain-text form) is the prompt.
   */
  public Generation start(String name, String transcript, List<ChatMessage> messages, GenerationParams params,
      TokenSink sink, Cancellation cancellation) {
    // A model unloaded between loading it and queueing (to make room for another) is loaded again, once.
    for (int attempt = 0; ; attempt++) {
      ServedModel model = load(name);
      if (model.model() instanceof ChatGenerator upstream) {
        // Served elsewhere: the upstream formats the chat, counts the tokens and checks its context.
        synchronized (this) {
          if (loaded.get(model.key()) == model) {
            CompletableFuture<Completion> result = messages.isEmpty()
                ? model.queue().submit(transcript, params, sink, cancellation)
                : model.queue().submit(() -> upstream.chat(messages, params, sink, cancellation), cancellation,
                    new Completion("", FinishReason.CANCELLED, 0, 0));
            return new Generation(0, result);
          }
        }
        continue;
      }
      int promptTokens;
      String prompt;
      try {
        prompt = messages.isEmpty() ? transcript : model.model().applyChatTemplate(messages).orElse(transcript);
        promptTokens = model.model().tokenize(prompt).length;
      } catch (NodeException e) {
        if (attempt == 0 && e.code() == ErrorCode.UNAVAILABLE) {
          continue;
        }
        throw e;
      }
      GenerationParams fitted = fitToContext(name, params, promptTokens, model.contextLength());
      synchronized (this) {
        if (loaded.get(model.key()) == model) {
          return new Generation(promptTokens, model.queue().submit(prompt, fitted, sink, cancellation));
        }
      }
      if (attempt > 0) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' was unloaded while the request"
            + " waited; retry");
      }
    }
  }

  /** A queued batch of embeddings and the tokens of its inputs (also counted when the batch fails). */
  public record Embedding(int promptTokens, CompletableFuture<Embeddings> result) {
  }

  /**
   * The L2-normalised vectors of {@code inputs} (1 to 256 texts) by the model {@code name}, loaded for embeddings
   * (see {@link ModelUse}) if it is not. Refuses before any work as {@link #start} does: NOT_FOUND, UNAVAILABLE,
   * INVALID_ARGUMENT naming {@code input[i]} for an input that does not fit the context with its
   * beginning-of-text token, RESOURCE_EXHAUSTED when the model's queue is full. Blocking (may load the model).
   */
  public Embedding embed(String name, List<String> inputs, Cancellation cancellation) {
    for (int attempt = 0; ; attempt++) {
      ServedModel model = load(name, ModelUse.EMBEDDINGS);
      int promptTokens = 0;
      boolean elsewhere = model.model() instanceof ChatGenerator;
      try {
        for (int i = 0; !elsewhere && i < inputs.size(); i++) {
          int tokens = model.model().tokenize(inputs.get(i)).length + 1;
          if (tokens > model.contextLength()) {
            throw new NodeException(ErrorCode.INVALID_ARGUMENT, "input[" + i + "] is " + tokens + " tokens (with"
                + " its beginning-of-text token); model '" + name + "' embeds at most " + model.contextLength()
                + " tokens per input; shorten it", Map.of("field", "input[" + i + "]", "reason",
                "context_length_exceeded"));
          }
          promptTokens += tokens;
        }
      } catch (NodeException e) {
        if (attempt == 0 && e.code() == ErrorCode.UNAVAILABLE) {
          continue;
        }
        throw e;
      }
      List<String> batch = List.copyOf(inputs);
      synchronized (this) {
        if (loaded.get(model.key()) == model) {
          return new Embedding(promptTokens, model.queue().submit(() -> model.model().embed(batch, cancellation),
              cancellation, null));
        }
      }
      if (attempt > 0) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' was unloaded while the request"
            + " waited; retry");
      }
    }
  }

  /**
   * The prompt and its beginning-of-text token take context first; the completion gets the rest, at most
   * {@code max_tokens}. A prompt that leaves nothing is refused (as OpenAI refuses a context overflow).
   */
  static GenerationParams fitToContext(String name, GenerationParams params, int promptTokens, int context) {
    int room = context - promptTokens - 1;
    if (room < 1) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the prompt is " + promptTokens + " tokens; model '"
          + name + "' has a context of " + context + " tokens, which must also hold at least one generated token;"
          + " shorten the prompt", Map.of("field", "prompt", "reason", "context_length_exceeded"));
    }
    if (params.maxTokens() <= room) {
      return params;
    }
    return new GenerationParams(room, params.temperature(), params.topP(), params.stop(), params.seed());
  }

  /** Loads {@code name} for generation if it is not loaded and returns it, marked as just used. Blocking. */
  public ServedModel load(String name) {
    return load(name, ModelUse.GENERATION);
  }

  /** Loads {@code name} for {@code use} if it is not loaded so, and returns it, marked as just used. Blocking. */
  public ServedModel load(String name, ModelUse use) {
    ModelRecord record = record(name);
    String key = ServedModel.key(name, use);
    CompletableFuture<ServedModel> pending;
    synchronized (this) {
      requireOpen();
      ServedModel served = loaded.get(key);
      if (served != null) {
        return served;
      }
      pending = loading.get(key);
    }
    if (pending != null) {
      return await(pending);
    }
    long estimate = record.upstream() != null ? 0 : estimate(record, use);
    if (estimate > budgetBytes) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' needs about " + mib(estimate)
          + " MiB (weights and cache), more than the whole model memory budget of " + mib(budgetBytes)
          + " MiB; raise --model-memory-budget (HANZO_MODEL_MEMORY_BUDGET) to serve it",
          Map.of("model", name, "reason", "larger_than_budget"));
    }
    CompletableFuture<ServedModel> mine = new CompletableFuture<>();
    List<ServedModel> evicted = new ArrayList<>();
    synchronized (this) {
      requireOpen();
      ServedModel served = loaded.get(key);
      if (served != null) {
        return served;
      }
      pending = loading.get(key);
      if (pending == null) {
        makeRoom(name, estimate, evicted);
        reservedBytes += estimate;
        loading.put(key, mine);
      }
    }
    if (pending != null) {
      return await(pending);
    }
    for (ServedModel victim : evicted) {
      log.info("unloading model {} ({} MiB), the least recently used, to make room for {}", victim.name(),
          mib(victim.memoryBytes()), name);
      victim.model().close();
    }
    return finishLoad(name, use, record, estimate, mine);
  }

  private ServedModel finishLoad(String name, ModelUse use, ModelRecord record, long estimate,
      CompletableFuture<ServedModel> mine) {
    String key = ServedModel.key(name, use);
    LoadedModel model;
    try {
      model = record.upstream() != null ? upstream(record, use) : engine.load(name, store.file(record), loadOptions,
          use);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        reservedBytes -= estimate;
        loading.remove(key);
      }
      NodeException failure = e instanceof NodeException ne ? unavailable(name, ne)
          : new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' could not be loaded: " + e.getMessage(),
              Map.of("model", name));
      mine.completeExceptionally(failure);
      throw failure;
    }
    ServedModel served = new ServedModel(model, use, queueDepth);
    boolean closedMeanwhile;
    synchronized (this) {
      loading.remove(key);
      closedMeanwhile = closed;
      if (!closedMeanwhile) {
        reservedBytes += model.memoryBytes() - estimate;
        loaded.put(key, served);
      } else {
        reservedBytes -= estimate;
      }
    }
    if (closedMeanwhile) {
      model.close();
      NodeException stopping = stopping();
      mine.completeExceptionally(stopping);
      throw stopping;
    }
    mine.complete(served);
    return served;
  }

  /**
   * Picks least recently used idle models until {@code needed} more bytes fit; throws UNAVAILABLE (taking none)
   * when even unloading every idle model would not make room.
   */
  private void makeRoom(String name, long needed, List<ServedModel> evicted) {
    long free = budgetBytes - reservedBytes;
    if (free >= needed) {
      return;
    }
    List<ServedModel> victims = new ArrayList<>();
    for (ServedModel candidate : loaded.values()) {
      if (free >= needed) {
        break;
      }
      if (candidate.pending() == 0) {
        victims.add(candidate);
        free += candidate.memoryBytes();
      }
    }
    if (free < needed) {
      List<String> busy = loaded.values().stream().filter(m -> m.pending() > 0).map(ServedModel::name).toList();
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' needs about " + mib(needed)
          + " MiB but the model memory budget (" + mib(budgetBytes) + " MiB) is held by models serving requests ("
          + String.join(", ", busy) + "); retry when they are idle", Map.of("model", name, "reason", "budget_busy"));
    }
    for (ServedModel victim : victims) {
      loaded.remove(victim.key());
      reservedBytes -= victim.memoryBytes();
      evicted.add(victim);
    }
  }

  /**
   * Unloads {@code name} now (for every use); its running generation stops (finish reason cancelled) and its
   * waiting ones fail.
   * Returns whether it was loaded.
   */
  public boolean unload(String name) {
    List<ServedModel> unloaded = new ArrayList<>();
    synchronized (this) {
      for (ModelUse use : ModelUse.values()) {
        ServedModel served = loaded.remove(ServedModel.key(name, use));
        if (served != null) {
          reservedBytes -= served.memoryBytes();
          unloaded.add(served);
        }
      }
    }
    for (ServedModel served : unloaded) {
      log.info("unloading model {} ({}, {} MiB) on request", name, served.use(), mib(served.memoryBytes()));
      served.model().close();
    }
    return !unloaded.isEmpty();
  }

  /** Pulls {@code reference} from its registry into the store (see {@link ModelPuller}). Blocking (network). */
  public ModelRecord pull(String reference, Optional<String> name) {
    return puller.pull(reference, name);
  }

  /**
   * Removes {@code name} from the store, unloading it first (its running generation stops). NOT_FOUND for a model
   * the store does not have. Returns whether it was loaded. Blocking (disk).
   */
  public boolean remove(String name) {
    record(name);
    boolean wasLoaded = unload(name);
    try {
      store.remove(name);
      return wasLoaded;
    } catch (IOException e) {
      throw new UncheckedIOException("model " + name + " could not be removed from the store", e);
    }
  }

  /** Unloads every model and closes the engine. */
  @Override
  public void close() {
    List<ServedModel> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(loaded.values());
      loaded.clear();
      reservedBytes = 0;
    }
    for (ServedModel served : all) {
      served.model().close();
    }
    engine.close();
    upstreams.ifPresent(UpstreamEngine::close);
  }

  private LoadedModel upstream(ModelRecord record, ModelUse use) {
    return upstreams.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE, "model '" + record.name()
        + "' is of kind " + ModelRecord.UPSTREAM_KIND + ", which this node does not serve",
        Map.of("model", record.name()))).connect(record.name(), record.upstream(), use);
  }

  /** Adds {@code name}, served by {@code target}, to the store. Blocking (disk). */
  public ModelRecord addUpstream(String name, UpstreamTarget target) {
    try {
      return store.addUpstream(name, target);
    } catch (IOException e) {
      throw new UncheckedIOException("model " + name + " could not be added to the store", e);
    }
  }

  private long estimate(ModelRecord record, ModelUse use) {
    try {
      return engine.estimateMemory(store.file(record), loadOptions, use);
    } catch (IOException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + record.name() + "' could not be read: "
          + e.getMessage(), Map.of("model", record.name()));
    } catch (NodeException e) {
      throw unavailable(record.name(), e);
    }
  }

  /** A model that is in the store but cannot be served is unavailable (503), whatever the engine called it. */
  private static NodeException unavailable(String name, NodeException e) {
    if (e.code() == ErrorCode.UNAVAILABLE) {
      return e;
    }
    return new NodeException(ErrorCode.UNAVAILABLE, e.getMessage(), Map.of("model", name));
  }

  private static ServedModel await(CompletableFuture<ServedModel> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof NodeException ne) {
        throw ne;
      }
      throw e;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw stopping();
    }
  }

  private static NodeException stopping() {
    return new NodeException(ErrorCode.UNAVAILABLE, "the node is stopping; models are being unloaded");
  }

  private static boolean isValidName(String name) {
    try {
      ModelStore.validName(name);
      return true;
    } catch (NodeException e) {
      return false;
    }
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static long mib(long bytes) {
    return (bytes + MIB - 1) / MIB;
  }

  /** Looks a loaded model up without marking it used (for listings). */
  public synchronized Optional<ServedModel> peek(String name) {
    for (ServedModel m : loaded.values()) {
      if (m.name().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
