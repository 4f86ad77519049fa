package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.TokenSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One model's requests (generations, or batches of embeddings for a model loaded for them): up to the model's
 * {@link LoadedModel#maxInFlight()} run, at most {@code depth} wait in arrival order, more are refused at once with
 * RESOURCE_EXHAUSTED (the caller answers 429 with Retry-After). A model of this node's engine runs as many as it has
 * sequence slots (--model-parallel: llama.cpp decodes them in one batch; more would only wait inside llama.cpp while
 * holding engine threads, starving other models); an upstream that batches runs several. A request cancelled while it
 * waits leaves the queue without reaching the engine; one cancelled while it generates is stopped within a token.
 */
final class GenerationQueue {
  /** What a refused client is told to wait before it tries again. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final LoadedModel model;
  private final int depth;
  private final int inFlight;
  private final ArrayDeque<Job<?>> waiting = new ArrayDeque<>();
  /** Requests started and not finished, at most {@code inFlight}. Guarded by {@code this}. */
  private int running;

  GenerationQueue(LoadedModel model, int depth) {
    this.model = model;
    this.depth = depth;
    this.inFlight = Math.max(1, model.maxInFlight());
  }

  /** Queues a generation, or throws RESOURCE_EXHAUSTED when {@code depth} requests already wait. */
  CompletableFuture<Completion> submit(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    return submit(() -> model.generate(prompt, params, sink, cancellation), cancellation,
        new Completion("", FinishReason.CANCELLED, 0, 0));
  }

  /**
   * Queues other work on the model (a batch of embeddings), in the same line as generations: {@code work} starts
   * it when its turn comes; a request cancelled while it waits completes with {@code withdrawn} instead.
   */
  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> work, Cancellation cancellation, T withdrawn) {
    Job<T> job = new Job<>(work, cancellation, withdrawn, new CompletableFuture<>());
    List<Job<?>> dropped = new ArrayList<>();
    boolean startNow = false;
    boolean full = false;
    synchronized (this) {
      dropCancelled(dropped);
      if (running < inFlight) {
        running++;
        startNow = true;
      } else if (waiting.size() >= depth) {
        full = true;
      } else {
        waiting.add(job);
      }
    }
    finishWithdrawn(dropped);
    if (full) {
      throw queueFull();
    }
    if (startNow) {
      start(job);
    }
    return job.result();
  }

  /** Requests generating or waiting: a model with none is idle and may be unloaded. */
  synchronized int pending() {
    return running + waiting.size();
  }

  private NodeException queueFull() {
    return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "model '" + model.name() + "' already has " + depth
        + " requests waiting, the most it queues (--model-queue-depth); retry in " + RETRY_AFTER_SECONDS + "s",
        Map.of("model", model.name(), "retry_after_seconds", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  private <T> void start(Job<T> job) {
    CompletableFuture<T> working;
    try {
      working = job.work().get();
    } catch (RuntimeException e) {
      working = CompletableFuture.failedFuture(e);
    }
    working.whenComplete((value, failure) -> {
      // The queue moves on before the caller hears of the result, so a caller that saw its request finish never
      // sees the model still busy with it.
      List<Job<?>> dropped = new ArrayList<>();
      Job<?> following;
      synchronized (this) {
        dropCancelled(dropped);
        following = waiting.poll();
        if (following == null) {
          running--;
        }
      }
      if (failure != null) {
        job.result().completeExceptionally(failure);
      } else {
        job.result().complete(value);
      }
      finishWithdrawn(dropped);
      if (following != null) {
        start(following);
      }
    });
  }

  /** Removes waiting jobs whose clients have gone; they are completed outside the lock. */
  private void dropCancelled(List<Job<?>> withdrawn) {
    for (Iterator<Job<?>> it = waiting.iterator(); it.hasNext(); ) {
      Job<?> job = it.next();
      if (job.cancellation().isCancelled()) {
        it.remove();
        withdrawn.add(job);
      }
    }
  }

  private static void finishWithdrawn(List<Job<?>> withdrawn) {
    withdrawn.forEach(Job::withdraw);
    withdrawn.clear();
  }

  private record Job<T>(Supplier<CompletableFuture<T>> work, Cancellation cancellation, T withdrawn,
      CompletableFuture<T> result) {
    void withdraw() {
      result.complete(withdrawn);
    }
  }
}
