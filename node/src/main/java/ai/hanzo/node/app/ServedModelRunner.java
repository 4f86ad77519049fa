package ai.hanzo.node.app;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.qos.ModelPrompt;
import ai.hanzo.node.qos.ModelRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Model challenges run on this node's model server: greedy (temperature 0, top_p 1) with the prompt's sampler seed,
 * so the provider and the challenger generate the same tokens from the same weights. Loading a model blocks, so
 * generations start on threads of this runner, never on the caller (an event loop or the sampler's scheduler); they then
 * queue behind the model's other generations like any request.
 */
final class ServedModelRunner implements ModelRunner {
  private static final int THREADS = 2;
  private static final int WAITING = 32;
  private final ModelServer models;
  private final ThreadPoolExecutor starter;

  ServedModelRunner(ModelServer models) {
    this.models = models;
    // Idle threads end, so a node that is never challenged on a model keeps none; the queue is bounded because
    // both ends of model challenges are (the QoS server's answering threads, the challenger's callers).
    this.starter = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
        r -> {
          Thread t = new Thread(r, "qos-model");
          t.setDaemon(true);
          return t;
        });
    starter.allowCoreThreadTimeOut(true);
  }

  @Override
  public boolean serves(String model) {
    try {
      models.record(model);
      return true;
    } catch (NodeException e) {
      return false;
    }
  }

  @Override
  public CompletableFuture<Generated> run(String model, ModelPrompt prompt) {
    GenerationParams greedy = new GenerationParams(prompt.maxTokens(), 0, 1, List.of(), prompt.samplerSeed());
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CompletableFuture<Completion>> started;
    try {
      started = CompletableFuture.supplyAsync(() -> models.generate(model, prompt.text(), greedy,
          TokenSink.discard(), cancellation), starter);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
          "this node is starting " + WAITING + " model challenges already"));
    }
    CompletableFuture<Generated> generated = started.thenCompose(completion -> completion)
        .thenApply(c -> new Generated(c.text(), c.completionTokens()));
    // A challenge past its deadline cancels the future: stop generating for it too.
    generated.whenComplete((g, e) -> {
      if (generated.isCancelled()) {
        cancellation.cancel();
      }
    });
    return generated;
  }
}
