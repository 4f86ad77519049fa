package ai.hanzo.node.cli;

import ai.hanzo.node.app.ModelSummary;
import ai.hanzo.node.app.OfflineModels;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.RemoteModel;
import ai.hanzo.node.client.UpstreamSpec;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where {@code hanzo-node models} works: a running node's API, or the model store of a stopped node. */
interface ModelSources extends AutoCloseable {
  List<ModelSummary> list();

  ModelSummary pull(String reference, Optional<String> name);

  ModelSummary find(String name);

  void remove(String name);

  /**
   * Adds a GGUF file of this machine: a running node on this machine reads it itself, unless {@code upload}; a node
   * elsewhere (or with {@code upload}) gets its bytes streamed.
   */
  Loaded load(Path file, Optional<String> name, boolean upload);

  /** A model {@link #load} added, and whether its bytes were streamed to the node. */
  record Loaded(ModelSummary model, boolean uploaded) {}

  /** Registers a model of kind openai-upstream; {@code apiKeyFile} and {@code apiKeyEnv} may be empty. */
  ModelSummary addUpstream(UpstreamSpec spec);

  @Override
  void close();

  /** A stopped node's store, opened with the data-directory lock held; pulls as {@code registries} allows. */
  static ModelSources offline(OfflineModels store, RuntimeConfig registries) {
    return new ModelSources() {
      @Override
      public List<ModelSummary> list() {
        return io(store::list);
      }

      @Override
      public ModelSummary pull(String reference, Optional<String> name) {
        return io(() -> store.pull(reference, name, registries));
      }

      @Override
      public ModelSummary find(String name) {
        return io(() -> store.find(name)).orElseThrow(() -> new ConfigException("model '" + name + "' not found"));
      }

      @Override
      public void remove(String name) {
        io(() -> {
          store.remove(name);
          return null;
        });
      }

      @Override
      public Loaded load(Path file, Optional<String> name, boolean upload) {
        return new Loaded(io(() -> store.load(file, name)), false);
      }

      @Override
      public ModelSummary addUpstream(UpstreamSpec spec) {
        return io(() -> store.addUpstream(spec));
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  /** A running node, through its InferenceService. */
  static ModelSources remote(NodeClient node) {
    return new ModelSources() {
      @Override
      public List<ModelSummary> list() {
        return node.models().stream().map(ModelSources::summary).toList();
      }

      @Override
      public ModelSummary pull(String reference, Optional<String> name) {
        return summary(node.pullModel(reference, name));
      }

      @Override
      public ModelSummary find(String name) {
        return summary(node.inspectModel(name));
      }

      @Override
      public void remove(String name) {
        node.removeModel(name);
      }

      @Override
      public Loaded load(Path file, Optional<String> name, boolean upload) {
        try {
          if (upload || !node.onThisMachine()) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
              throw new ConfigException(file + " is not a readable file");
            }
            String stored = name.orElseGet(() -> OfflineModels.defaultName(file));
            return new Loaded(summary(node.uploadModel(file.toAbsolutePath(), stored)), true);
          }
          return new Loaded(summary(node.loadModel(file.toAbsolutePath(), name)), false);
        } catch (NodeException e) {
          if (e.code() == ErrorCode.INVALID_ARGUMENT) {
            throw new ConfigException(e.getMessage()); // the caller's file or name: bad input, exit 2
          }
          throw e;
        }
      }

      @Override
      public ModelSummary addUpstream(UpstreamSpec spec) {
        return summary(node.addUpstreamModel(spec));
      }

      @Override
      public void close() {
        node.close();
      }
    };
  }

  private static ModelSummary summary(RemoteModel m) {
    return new ModelSummary(m.name(), m.architecture(), m.parameters(), m.contextLength(), m.quantization(),
        m.tokenizer(), m.vocabularySize(), m.embeddingLength(), m.blockCount(), m.headCount(), m.size(), m.sha256(),
        m.addedAt(), "(on the node)", m.contextSource());
  }

  /** A store call that reads or writes the disk. */
  interface StoreCall<T> {
    T call() throws IOException;
  }

  private static <T> T io(StoreCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
