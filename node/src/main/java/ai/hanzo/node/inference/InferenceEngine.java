package ai.hanzo.node.inference;

import java.io.IOException;
import java.nio.file.Path;

/** Runs models of one format; loading is blocking (it maps and checks the weights), so call it off the event loop. */
public interface InferenceEngine extends AutoCloseable {
  /** The engine's name, e.g. {@code llama.cpp}. */
  String name();

  /** Bytes a model would take once loaded with {@code options}, from its header alone: weights plus caches. */
  long estimateMemory(Path file, LoadOptions options) throws IOException;

  /** Loads {@code file} as the model {@code name}; a file the engine cannot load fails with a NodeException. */
  LoadedModel load(String name, Path file, LoadOptions options) throws IOException;

  /** Stops taking generations and waits briefly for running ones; models still loaded stay usable for unload. */
  @Override
  void close();
}
