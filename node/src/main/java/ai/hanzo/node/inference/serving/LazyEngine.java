package ai.hanzo.node.inference.serving;

import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Creates the real engine on first use. Creating llama.cpp's engine loads its native library, which costs start-up
 * time on every node and fails on a machine the library does not support: a node that never serves a model should
 * pay neither, and on such a machine only model requests fail (with the engine's message), not the node's start.
 */
public final class LazyEngine implements InferenceEngine {
  private final String name;
  private final Supplier<InferenceEngine> factory;
  private InferenceEngine engine;

  public LazyEngine(String name, Supplier<InferenceEngine> factory) {
    this.name = name;
    this.factory = factory;
  }

  private synchronized InferenceEngine engine() {
    if (engine == null) {
      engine = factory.get();
    }
    return engine;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options) throws IOException {
    return engine().estimateMemory(file, options);
  }

  @Override
  public LoadedModel load(String model, Path file, LoadOptions options) throws IOException {
    return engine().load(model, file, options);
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options, ModelUse use) throws IOException {
    return engine().estimateMemory(file, options, use);
  }

  @Override
  public LoadedModel load(String model, Path file, LoadOptions options, ModelUse use) throws IOException {
    return engine().load(model, file, options, use);
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
