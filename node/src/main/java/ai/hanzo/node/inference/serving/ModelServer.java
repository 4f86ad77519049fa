package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.models.ModelPuller;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.models.UpstreamTarget;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The node's model serving, as its transports see it: the store's models ({@link ModelCatalog}), those loaded within
 * the memory budget ({@link ResidentModels}, loading with {@link ModelLoader}), and the requests queued on them
 * ({@link Generations}, {@link EmbeddingBatches}). Loading and tokenizing block: call this from a blocking executor,
 * never from an event loop; generation itself runs on the engine's threads.
 */
public final class ModelServer implements AutoCloseable {
  private final ModelCatalog catalog;
  private final ResidentModels resident;
  private final Generations generations;
  private final EmbeddingBatches embeddings;
  private final ModelUploads uploads;

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
    this(store, engine, budgetBytes, queueDepth, loadOptions, puller, upstreams, UploadLimits.DEFAULTS);
  }

  /** As above, taking models uploaded by clients within {@code uploadLimits}. */
  public ModelServer(ModelStore store, InferenceEngine engine, long budgetBytes, int queueDepth,
      LoadOptions loadOptions, ModelPuller puller, Optional<UpstreamEngine> upstreams, UploadLimits uploadLimits) {
    this.uploads = new ModelUploads(store, uploadLimits);
    this.catalog = new ModelCatalog(store, puller);
    this.resident = new ResidentModels(catalog, new ModelLoader(store, engine, loadOptions, upstreams), budgetBytes,
        queueDepth);
    this.generations = new Generations(resident);
    this.embeddings = new EmbeddingBatches(resident);
  }

  public long budgetBytes() {
    return resident.budgetBytes();
  }

  /** Bytes the loaded models (and loads in progress) take from the budget now. */
  public long usedBytes() {
    return resident.usedBytes();
  }

  /** Every model of the store, loaded or not, by name. Blocking (reads the store). */
  public List<ModelRecord> available() {
    return catalog.available();
  }

  /** The store's record of {@code name}, or NOT_FOUND naming it. Blocking. */
  public ModelRecord record(String name) {
    return catalog.record(name);
  }

  /** The loaded models, least recently used first. */
  public List<ServedModel> loaded() {
    return resident.loaded();
  }

  /**
   * The names of the loaded models, least recently used first (GetHealth's {@code models}); a model loaded for
   * generation and for embeddings is named once.
   */
  public List<String> loadedNames() {
    return loaded().stream().map(ServedModel::name).distinct().toList();
  }

  /** Looks a loaded model up without marking it used (for listings). */
  public Optional<ServedModel> peek(String name) {
    return resident.peek(name);
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
    return generations.start(name, transcript, messages, params, sink, cancellation);
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
    return embeddings.embed(name, inputs, cancellation);
  }

  /** Loads {@code name} for generation if it is not loaded and returns it, marked as just used. Blocking. */
  public ServedModel load(String name) {
    return load(name, ModelUse.GENERATION);
  }

  /** Loads {@code name} for {@code use} if it is not loaded so, and returns it, marked as just used. Blocking. */
  public ServedModel load(String name, ModelUse use) {
    return resident.load(name, use);
  }

  /**
   * Unloads {@code name} now (for every use); its running generation stops (finish reason cancelled) and its
   * waiting ones fail. Returns whether it was loaded.
   */
  public boolean unload(String name) {
    return resident.unload(name);
  }

  /** Pulls {@code reference} from its registry into the store (see {@link ModelPuller}). Blocking (network). */
  public ModelRecord pull(String reference, Optional<String> name) {
    return catalog.pull(reference, name);
  }

  /**
   * Removes {@code name} from the store, unloading it first (its running generation stops). NOT_FOUND for a model
   * the store does not have. Returns whether it was loaded. Blocking (disk).
   */
  public boolean remove(String name) {
    catalog.record(name);
    boolean wasLoaded = unload(name);
    catalog.delete(name);
    return wasLoaded;
  }

  /**
   * Copies the GGUF file {@code source} of the node's machine into the store as {@code name} (default: its file
   * name); INVALID_ARGUMENT for a file that is not GGUF (checked before copying), RESOURCE_EXHAUSTED when the disk
   * lacks room, ALREADY_EXISTS for a name taken. Blocking (disk).
   */
  public ModelRecord addFile(java.nio.file.Path source, Optional<String> name) {
    return catalog.addFile(source, name);
  }

  /** Where clients' uploads of models go (UploadModel). */
  public ModelUploads uploads() {
    return uploads;
  }

  /** Adds {@code name}, served by {@code target}, to the store. Blocking (disk). */
  public ModelRecord addUpstream(String name, UpstreamTarget target) {
    return catalog.addUpstream(name, target);
  }

  /** Unloads every model and closes the engines. */
  @Override
  public void close() {
    resident.close();
  }
}
