package ai.hanzo.node.api;

import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.InferenceEngine;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.TokenSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real engine with a gate in front of every model's text: while the gate is closed, a generation that has
 * produced its first piece of text waits there (on the engine's thread, as a slow client-side sink would), so a
 * test can hold a generation running, queue others behind it, and then let everything go. Every completion is
 * recorded, so a test sees how a generation ended even when its client is gone.
 */
public final class GatedEngine implements InferenceEngine {
  private final InferenceEngine real;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile CountDownLatch waiting = new CountDownLatch(1);
  public final List<Completion> completions = new CopyOnWriteArrayList<>();
  /** The cancellation of every generation, in the order they reached the engine. */
  public final List<Cancellation> cancellations = new CopyOnWriteArrayList<>();

  public GatedEngine(InferenceEngine real) {
    this.real = real;
  }

  /** From now on the first text of a generation waits until {@link #open()}. */
  public void closeGate() {
    gate = new CountDownLatch(1);
    waiting = new CountDownLatch(1);
  }

  public void openGate() {
    gate.countDown();
  }

  /** Whether a generation is waiting at the gate within the timeout. */
  public boolean awaitWaiting() throws InterruptedException {
    return waiting.await(60, TimeUnit.SECONDS);
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options) throws IOException {
    return real.estimateMemory(file, options);
  }

  @Override
  public long estimateMemory(Path file, LoadOptions options, ModelUse use) throws IOException {
    return real.estimateMemory(file, options, use);
  }

  /** A model loaded for embeddings waits at the same gate before each batch, on a thread of its own. */
  @Override
  public LoadedModel load(String name, Path file, LoadOptions options, ModelUse use) throws IOException {
    if (use == ModelUse.GENERATION) {
      return load(name, file, options);
    }
    return new ForwardingModel(real.load(name, file, options, use)) {
      @Override
      public CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
        cancellations.add(cancellation);
        CountDownLatch myGate = gate;
        CountDownLatch myWaiting = waiting;
        return CompletableFuture.runAsync(() -> {
          myWaiting.countDown();
          awaitGate(myGate);
        }).thenCompose(v -> model.embed(inputs, cancellation));
      }
    };
  }

  private static void awaitGate(CountDownLatch gate) {
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public LoadedModel load(String name, Path file, LoadOptions options) throws IOException {
    return new ForwardingModel(real.load(name, file, options)) {
      @Override
      public CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
          Cancellation cancellation) {
        cancellations.add(cancellation);
        CountDownLatch myGate = gate;
        CountDownLatch myWaiting = waiting;
        return model.generate(prompt, params, text -> {
          myWaiting.countDown();
          awaitGate(myGate);
          sink.accept(text);
        }, cancellation).whenComplete((completion, failure) -> {
          if (completion != null) {
            completions.add(completion);
          }
        });
      }
    };
  }

  @Override
  public void close() {
    openGate();
    real.close();
  }
}
