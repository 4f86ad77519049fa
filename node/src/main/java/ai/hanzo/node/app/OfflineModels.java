package ai.hanzo.node.app;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.GgufFormatException;
import ai.hanzo.node.models.ModelInfo;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.client.UpstreamSpec;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import ai.hanzo.node.runtime.image.RegistrySettings;
import ai.hanzo.node.storage.DataDirLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The model store of a stopped node, on its data directory: {@code hanzo-node models}. Holds the data-directory
 * lock, so no node starts meanwhile. Bad names and files are {@link ConfigException}s (usage errors, exit 2).
 */
public final class OfflineModels implements AutoCloseable {
  private final DataDirLock lock;
  private final ModelStore store;
  private final Path dataDir;

  private OfflineModels(DataDirLock lock, ModelStore store, Path dataDir) {
    this.lock = lock;
    this.store = store;
    this.dataDir = dataDir;
  }

  public static OfflineModels open(Path dataDir) {
    DataDirLock lock = DataDirLock.acquire(dataDir);
    return new OfflineModels(lock, ModelStore.in(dataDir, Clock.systemUTC()), dataDir);
  }

  /**
   * Pulls a model packaged as an OCI artifact into the store, from the registries {@code config} allows (its
   * insecure list and credentials, as the node would).
   */
  public ModelSummary pull(String reference, Optional<String> name, RuntimeConfig config) throws IOException {
    OciModelPuller puller = new OciModelPuller(RegistrySettings.of(config.insecureRegistries(),
        config.registryAuthFile()), store, dataDir);
    return summary(usage(() -> puller.pull(reference, name)));
  }

  public List<ModelSummary> list() throws IOException {
    return store.list().stream().map(this::summary).toList();
  }

  public Optional<ModelSummary> find(String name) throws IOException {
    return usage(() -> store.find(name)).map(this::summary);
  }

  /** Adds a local GGUF file as {@code name}, or as the name its file name gives when {@code name} is empty. */
  public ModelSummary load(Path file, Optional<String> name) throws IOException {
    return summary(usage(() -> store.add(file, name.isPresent() ? name.get() : ModelStore.nameFrom(file))));
  }

  /**
   * Registers {@code spec}'s model of kind openai-upstream, its API key read (when the node serves it) from its key
   * file or variable (either may be empty), with its limits checked.
   */
  public ModelSummary addUpstream(UpstreamSpec spec) throws IOException {
    return summary(usage(() -> store.addUpstream(spec.name(), new UpstreamTarget(spec.url(), spec.upstreamModel(),
        spec.apiKeyFile(), spec.apiKeyEnv(), new UpstreamTuning(spec.maxInFlight(), spec.connectTimeoutMs(),
        spec.headersTimeoutMs(), spec.idleTimeoutMs(), spec.contextLength())))));
  }

  /** The name a model file gets when none is given (as the store names it); a usage error when none can be made. */
  public static String defaultName(Path file) {
    try {
      return ModelStore.nameFrom(file);
    } catch (NodeException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** What a GGUF file's header says, without the store (and without the data directory's lock). */
  public static ModelSummary inspectFile(Path file) throws IOException {
    try {
      ModelInfo info = ModelInfo.inspect(file).clipped(ModelStore.MAX_TEXT_LENGTH);
      return summary(info, usage(() -> ModelStore.nameFrom(file)), "", "", file.toString(), "gguf");
    } catch (GgufFormatException e) {
      throw new ConfigException(file + " is not a GGUF model: " + e.getMessage());
    }
  }

  private ModelSummary summary(ModelRecord record) {
    String where = record.upstream() != null ? record.upstream().url() : store.file(record).toString();
    // A stopped node learns nothing from an upstream: its context length is the configured one, or unknown.
    String source = record.upstream() == null ? "gguf" : record.info().contextLength() > 0 ? "configured"
        : "unknown";
    return summary(record.info(), record.name(), record.sha256(), record.addedAt(), where, source);
  }

  private static ModelSummary summary(ModelInfo info, String name, String sha256, String addedAt, String file,
      String contextSource) {
    return new ModelSummary(name, info.architecture(), info.parameterCount(), info.contextLength(),
        info.quantization(), info.tokenizer(), info.vocabularySize(), info.embeddingLength(), info.blockCount(),
        info.headCount(), info.fileSize(), sha256, addedAt, file, contextSource);
  }

  public void remove(String name) throws IOException {
    usage(() -> {
      store.remove(name);
      return null;
    });
  }

  private interface StoreCall<T> {
    T call() throws IOException;
  }

  private static <T> T usage(StoreCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (NodeException e) {
      if (e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.NOT_FOUND
          || e.code() == ErrorCode.ALREADY_EXISTS) {
        throw new ConfigException(e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public void close() {
    lock.close();
  }
}
