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

/**
 * One model's requests: one generates, at most {@code depth} wait in arrival order, more are refused at once with
 * RESOURCE_EXHAUSTED (the caller answers 429 with Retry-After). One at a time because the engine loads a model
 * with a single sequence slot: two generations of one model would only take turns inside llama.cpp while holding
 * two of the engine's threads, starving other models. A request cancelled while it waits leaves the queue without
 * reaching the engine; one cancelled while it generates is stopped by the engine within a token.
 */
final class GenerationQueue {
  /** What a refused client is told to wait before it tries again. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final LoadedModel model;
  private final int depth;
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private Job running;

  GenerationQueue(LoadedModel model, int depth) {
    this.model = model;
    this.depth = depth;
  }

  /** Queues a generation, or throws RESOURCE_EXHAUSTED when {@code depth} requests already wait. */
  CompletableFuture<Completion> submit(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    Job job = new Job(prompt, params, sink, cancellation, new CompletableFuture<>());
    List<Job> withdrawn = new ArrayList<>();
    boolean startNow = false;
    boolean full = false;
    synchronized (this) {
      dropCancelled(withdrawn);
      if (running == null) {
        running = job;
        startNow = true;
      } else if (waiting.size() >= depth) {
        full = true;
      } else {
        waiting.add(job);
      }
    }
    finishWithdrawn(withdrawn);
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
    return (running == null ? 0 : 1) + waiting.size();
  }

  private NodeException queueFull() {
    return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "model '" + model.name() + "' already has " + depth
        + " requests waiting, the most it queues (--model-queue-depth); retry in " + RETRY_AFTER_SECONDS + "s",
        Map.of("model", model.name(), "retry_after_seconds", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  private void start(Job job) {
    CompletableFuture<Completion> generating;
    try {
      generating = model.generate(job.prompt(), job.params(), job.sink(), job.cancellation());
    } catch (RuntimeException e) {
      generating = CompletableFuture.failedFuture(e);
    }
    generating.whenComplete((completion, failure) -> {
      // The queue moves on before the caller hears of the result, so a caller that saw its request finish never
      // sees the model still busy with it.
      List<Job> withdrawn = new ArrayList<>();
      Job following;
      synchronized (this) {
        dropCancelled(withdrawn);
        following = waiting.poll();
        running = following;
      }
      if (failure != null) {
        job.result().completeExceptionally(failure);
      } else {
        job.result().complete(completion);
      }
      finishWithdrawn(withdrawn);
      if (following != null) {
        start(following);
      }
    });
  }

  /** Removes waiting jobs whose clients have gone; they are completed outside the lock. */
  private void dropCancelled(List<Job> withdrawn) {
    for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
      Job job = it.next();
      if (job.cancellation().isCancelled()) {
        it.remove();
        withdrawn.add(job);
      }
    }
  }

  private static void finishWithdrawn(List<Job> withdrawn) {
    for (Job job : withdrawn) {
      job.result().complete(new Completion("", FinishReason.CANCELLED, 0, 0));
    }
    withdrawn.clear();
  }

  private record Job(String prompt, GenerationParams params, TokenSink sink, Cancellation cancellation,
      CompletableFuture<Completion> result) {
  }
}
