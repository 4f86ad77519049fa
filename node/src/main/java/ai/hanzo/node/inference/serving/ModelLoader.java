package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a store record into a loaded model with the engine of its kind: a GGUF file with the in-process engine, a
 * model of kind {@code openai-upstream} with the upstream engine (a connection, no memory of the node). Every
 * refusal is UNAVAILABLE: the model is in the store but cannot be served now. Blocking (reads the file).
 */
final class ModelLoader implements AutoCloseable {
  private final ModelStore store;
  private final InferenceEngine engine;
  private final LoadOptions loadOptions;
  /** Serves the store's models of kind {@code openai-upstream}; none when the node was built without it. */
  private final Optional<UpstreamEngine> upstreams;

  ModelLoader(ModelStore store, InferenceEngine engine, LoadOptions loadOptions, Optional<UpstreamEngine> upstreams) {
    this.store = store;
    this.engine = engine;
    this.loadOptions = loadOptions;
    this.upstreams = upstreams;
  }

  /** What loading {@code record} for {@code use} takes from the memory budget; nothing for an upstream. */
  long estimate(ModelRecord record, ModelUse use) {
    if (record.upstream() != null) {
      return 0;
    }
    try {
      return engine.estimateMemory(store.file(record), loadOptions, use);
    } catch (IOException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + record.name() + "' could not be read: "
          + e.getMessage(), Map.of("model", record.name()));
    } catch (NodeException e) {
      throw unavailable(record.name(), e);
    }
  }

  LoadedModel load(ModelRecord record, ModelUse use) {
    String name = record.name();
    try {
      return record.upstream() != null ? upstream(record, use)
          : engine.load(name, store.file(record), loadOptions, use);
    } catch (NodeException e) {
      throw unavailable(name, e);
    } catch (IOException | RuntimeException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' could not be loaded: " + e.getMessage(),
          Map.of("model", name));
    }
  }

  private LoadedModel upstream(ModelRecord record, ModelUse use) {
    return upstreams.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE, "model '" + record.name()
        + "' is of kind " + ModelRecord.UPSTREAM_KIND + ", which this node does not serve",
        Map.of("model", record.name()))).connect(record.name(), record.upstream(), use);
  }

  /** A model that is in the store but cannot be served is unavailable (503), whatever the engine called it. */
  private static NodeException unavailable(String name, NodeException e) {
    if (e.code() == ErrorCode.UNAVAILABLE) {
      return e;
    }
    return new NodeException(ErrorCode.UNAVAILABLE, e.getMessage(), Map.of("model", name));
  }

  @Override
  public void close() {
    engine.close();
    upstreams.ifPresent(UpstreamEngine::close);
  }
}
