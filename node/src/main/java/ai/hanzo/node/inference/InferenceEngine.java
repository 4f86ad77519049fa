package ai.hanzo.node.inference;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Runs models of one format; loading is blocking (it maps and checks the weights), so call it off the event loop. */
public interface InferenceEngine extends AutoCloseable {
  /** The engine's name, e.g. {@code llama.cpp}. */
  String name();

  /** Bytes a model would take once loaded with {@code options}, from its header alone: weights plus caches. */
  long estimateMemory(Path file, LoadOptions options) throws IOException;

  /** Loads {@code file} as the model {@code name}; a file the engine cannot load fails with a NodeException. */
  LoadedModel load(String name, Path file, LoadOptions options) throws IOException;

  /** {@link #estimateMemory(Path, LoadOptions)} of the model loaded for {@code use}. */
  default long estimateMemory(Path file, LoadOptions options, ModelUse use) throws IOException {
    return estimateMemory(file, options);
  }

  /**
   * Loads {@code file} for {@code use}; an engine that computes no embeddings refuses {@link ModelUse#EMBEDDINGS}
   * with FAILED_PRECONDITION (reason {@code embeddings_unsupported}).
   */
  default LoadedModel load(String name, Path file, LoadOptions options, ModelUse use) throws IOException {
    if (use == ModelUse.GENERATION) {
      return load(name, file, options);
    }
    throw new NodeException(ErrorCode.FAILED_PRECONDITION, "the " + name() + " engine computes no embeddings, so"
        + " model '" + name + "' cannot serve them", Map.of("model", name, "reason", "embeddings_unsupported"));
  }

  /** Stops taking generations and waits briefly for running ones; models still loaded stay usable for unload. */
  @Override
  void close();
}
