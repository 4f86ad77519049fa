package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.TokenSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The queue's order and bounds with a hand-driven model: each generation completes only when the test completes
 * it, so what runs, what waits and what is refused is exact. (ModelServerIT does the same over llama.cpp.)
 */
class GenerationQueueTest {
  private static final GenerationParams PARAMS = new GenerationParams(4, 0, 1, List.of(), 1);

  private final HandDrivenModel model = new HandDrivenModel();

  @Test
  void oneGeneratesAtATimeAndTheWaitingOnesFollowInArrivalOrder() {
    GenerationQueue queue = new GenerationQueue(model, 2);

    CompletableFuture<Completion> first = queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());
    CompletableFuture<Completion> second = queue.submit("2", PARAMS, TokenSink.discard(), new Cancellation());
    CompletableFuture<Completion> third = queue.submit("3", PARAMS, TokenSink.discard(), new Cancellation());

    assertThat(model.started).containsExactly("1");
    assertThat(queue.pending()).isEqualTo(3);
    model.finish(0);
    assertThat(first).isCompleted();
    assertThat(model.started).containsExactly("1", "2");
    model.finish(1);
    model.finish(2);
    assertThat(model.started).containsExactly("1", "2", "3");
    assertThat(second.join().text()).isEqualTo("2");
    assertThat(third.join().text()).isEqualTo("3");
    assertThat(queue.pending()).isZero();
  }

  @Test
  void otherWorkWaitsInTheSameLineAndLeavesItWhenCancelled() {
    GenerationQueue queue = new GenerationQueue(model, 2);
    List<String> workStarted = new ArrayList<>();
    CompletableFuture<String> work = new CompletableFuture<>();
    Cancellation leaving = new Cancellation();

    CompletableFuture<Completion> generating = queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());
    CompletableFuture<String> withdrawn = queue.submit(() -> {
      workStarted.add("withdrawn");
      return CompletableFuture.completedFuture("never");
    }, leaving, "gone");
    CompletableFuture<String> waiting = queue.submit(() -> {
      workStarted.add("waiting");
      return work;
    }, new Cancellation(), "gone");
    leaving.cancel();

    assertThat(workStarted).isEmpty();
    model.finish(0);
    assertThat(generating).isCompleted();
    assertThat(withdrawn.join()).isEqualTo("gone");
    assertThat(workStarted).containsExactly("waiting");
    assertThat(queue.pending()).isEqualTo(1);
    work.complete("vectors");
    assertThat(waiting.join()).isEqualTo("vectors");
    assertThat(queue.pending()).isZero();
  }

  @Test
  void beyondTheDepthARequestIsRefusedAtOnce() {
    GenerationQueue queue = new GenerationQueue(model, 1);
    queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());
    queue.submit("2", PARAMS, TokenSink.discard(), new Cancellation());

    assertThatThrownBy(() -> queue.submit("3", PARAMS, TokenSink.discard(), new Cancellation()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.details()).containsEntry("retry_after_seconds", "1").containsEntry("model", "hand");
        });
    assertThat(model.started).containsExactly("1");
    assertThat(queue.pending()).isEqualTo(2);
  }

  @Test
  void aDepthOfZeroServesOneAndQueuesNone() {
    GenerationQueue queue = new GenerationQueue(model, 0);
    queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());

    assertThatThrownBy(() -> queue.submit("2", PARAMS, TokenSink.discard(), new Cancellation()))
        .isInstanceOf(NodeException.class);
    model.finish(0);
    queue.submit("3", PARAMS, TokenSink.discard(), new Cancellation());
    assertThat(model.started).containsExactly("1", "3");
  }

  @Test
  void cancelledWaitingRequestsAreSkippedAndFreeTheirPlace() {
    GenerationQueue queue = new GenerationQueue(model, 1);
    queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());
    Cancellation leaving = new Cancellation();
    CompletableFuture<Completion> gone = queue.submit("2", PARAMS, TokenSink.discard(), leaving);

    leaving.cancel();
    CompletableFuture<Completion> next = queue.submit("3", PARAMS, TokenSink.discard(), new Cancellation());

    assertThat(gone.join().finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(gone.join().completionTokens()).isZero();
    model.finish(0);
    assertThat(model.started).containsExactly("1", "3");
    model.finish(1);
    assertThat(next.join().text()).isEqualTo("3");
  }

  @Test
  void aFailedGenerationFailsOnlyItsRequestAndTheQueueMovesOn() {
    GenerationQueue queue = new GenerationQueue(model, 1);
    CompletableFuture<Completion> failing = queue.submit("1", PARAMS, TokenSink.discard(), new Cancellation());
    CompletableFuture<Completion> next = queue.submit("2", PARAMS, TokenSink.discard(), new Cancellation());

    model.fail(0, new NodeException(ErrorCode.UNAVAILABLE, "model 'hand' was unloaded"));

    assertThat(failing).isCompletedExceptionally();
    assertThat(model.started).containsExactly("1", "2");
    model.finish(1);
    assertThat(next.join().text()).isEqualTo("2");
  }

  /** A model whose generations end when the test says so, each with its prompt as its text. */
  private static final class HandDrivenModel implements LoadedModel {
    final List<String> started = new ArrayList<>();
    final List<CompletableFuture<Completion>> running = new ArrayList<>();

    void finish(int index) {
      running.get(index).complete(new Completion(started.get(index), FinishReason.LENGTH, 1, 4));
    }

    void fail(int index, RuntimeException e) {
      running.get(index).completeExceptionally(e);
    }

    @Override
    public String name() {
      return "hand";
    }

    @Override
    public long memoryBytes() {
      return 1;
    }

    @Override
    public int contextLength() {
      return 256;
    }

    @Override
    public int[] tokenize(String text) {
      return new int[text.length()];
    }

    @Override
    public CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
        Cancellation cancellation) {
      started.add(prompt);
      CompletableFuture<Completion> future = new CompletableFuture<>();
      running.add(future);
      return future;
    }

    @Override
    public void close() {
    }
  }
}
