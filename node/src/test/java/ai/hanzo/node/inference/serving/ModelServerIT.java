package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model server over the real llama.cpp engine and a store of tiny llama models the test writes itself (seeded
 * weights): loading on demand, the memory budget and least-recently-used unloading, the bounded queue, cancelling,
 * and the context rules.
 */
class ModelServerIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final String PROMPT = "hello world";
  private static final LoadOptions OPTIONS = new LoadOptions(0, 1);

  @TempDir
  static Path dir;
  private static ModelStore store;
  private static LlamaEngine engine;
  /** What one tiny model takes from the budget. */
  private static long one;

  private ModelServer server;

  @BeforeAll
  static void writeTheModels() throws IOException {
    System.out.println("ModelServerIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path file = TinyLlama.write(dir, SEED);
    store = ModelStore.in(dir.resolve("data"), Clock.systemUTC());
    for (String name : List.of("a", "b", "c")) {
      store.add(file, name);
    }
    engine = new LlamaEngine(2, 64);
    one = engine.estimateMemory(file, OPTIONS);
  }

  @AfterAll
  static void closeTheEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @AfterEach
  void unloadEverything() {
    if (server != null) {
      // Not server.close(): that closes the engine the tests share.
      server.loadedNames().forEach(server::unload);
    }
  }

  private ModelServer server(long budget, int queueDepth) {
    server = new ModelServer(store, engine, budget, queueDepth, OPTIONS);
    return server;
  }

  @Test
  void aModelIsLoadedOnItsFirstRequestAndListed() throws Exception {
    ModelServer s = server(10 * one, 4);
    assertThat(s.loadedNames()).isEmpty();

    Completion completion = s.generate("a", PROMPT, greedy(4), TokenSink.discard(), new Cancellation())
        .get(60, TimeUnit.SECONDS);

    assertThat(completion.completionTokens()).isEqualTo(4);
    assertThat(s.loadedNames()).containsExactly("a");
    assertThat(s.usedBytes()).isEqualTo(one);
  }

  @Test
  void anEmbeddingContextCountsInTheBudgetAndIsUnloadedLeastRecentlyUsed() throws Exception {
    long embedding = engine.estimateMemory(store.file(store.find("a").orElseThrow()), OPTIONS, ModelUse.EMBEDDINGS);
    assertThat(embedding).as("weights, cache and the attention scores of a whole-context batch")
        .isEqualTo(one + (long) TinyLlama.CONTEXT * TinyLlama.CONTEXT * TinyLlama.HEADS * Float.BYTES);
    ModelServer s = server(one + embedding, 4);
    s.generate("a", PROMPT, greedy(2), TokenSink.discard(), new Cancellation()).get(60, TimeUnit.SECONDS);
    Embeddings vectors = s.embed("a", List.of(PROMPT), new Cancellation()).result().get(60, TimeUnit.SECONDS);

    assertThat(vectors.vectors()).singleElement().satisfies(v -> assertThat(v).hasSize(TinyLlama.EMBEDDING));
    assertThat(s.loaded()).extracting(ServedModel::use).containsExactly(ModelUse.GENERATION, ModelUse.EMBEDDINGS);
    assertThat(s.usedBytes()).isEqualTo(one + embedding);

    // a third context does not fit: the least recently used, a's generation context, makes room
    s.generate("b", PROMPT, greedy(2), TokenSink.discard(), new Cancellation()).get(60, TimeUnit.SECONDS);
    assertThat(s.loaded()).extracting(m -> m.name() + "/" + m.use())
        .containsExactly("a/EMBEDDINGS", "b/GENERATION");
    assertThat(s.usedBytes()).isEqualTo(one + embedding);
  }

  @Test
  void concurrentFirstRequestsLoadAModelOnce() throws Exception {
    ModelServer s = server(10 * one, 4);
    java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<ServedModel>> loads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        loads.add(callers.submit(() -> s.load("a")));
      }
      ServedModel first = loads.get(0).get(60, TimeUnit.SECONDS);
      for (java.util.concurrent.Future<ServedModel> load : loads) {
        assertThat(load.get(60, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(s.loadedNames()).containsExactly("a");
    assertThat(s.usedBytes()).isEqualTo(one);
  }

  @Test
  void theLeastRecentlyUsedIdleModelMakesRoom() throws Exception {
    ModelServer s = server(2 * one + one / 2, 4);
    s.load("a");
    s.load("b");
    s.generate("a", PROMPT, greedy(2), TokenSink.discard(), new Cancellation()).get(60, TimeUnit.SECONDS);

    s.load("c");

    // b was used less recently than a (a generated after b loaded): b goes
    assertThat(s.loadedNames()).containsExactlyInAnyOrder("a", "c");
    assertThat(s.usedBytes()).isEqualTo(2 * one).isLessThanOrEqualTo(s.budgetBytes());
  }

  @Test
  void aModelLargerThanTheWholeBudgetIsRefusedNamingTheFlag() {
    ModelServer s = server(one - 1, 4);

    assertThatThrownBy(() -> s.load("a")).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("'a'").contains("--model-memory-budget");
      assertThat(e.details()).containsEntry("reason", "larger_than_budget");
    });
    assertThat(s.loadedNames()).isEmpty();
    assertThat(s.usedBytes()).isZero();
  }

  @Test
  void aBusyModelIsNeverUnloadedToMakeRoom() throws Exception {
    ModelServer s = server(one + one / 2, 4);
    CountDownLatch firstText = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Completion> busy = s.generate("a", PROMPT, greedy(3), text -> {
      firstText.countDown();
      await(release);
    }, new Cancellation());
    try {
      assertThat(firstText.await(60, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> s.load("b")).isInstanceOfSatisfying(NodeException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("'b'").contains("a");
        assertThat(e.details()).containsEntry("reason", "budget_busy");
      });
    } finally {
      release.countDown();
    }
    assertThat(busy.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
    // idle now: b may take its place
    s.load("b");
    assertThat(s.loadedNames()).containsExactly("b");
  }

  @Test
  void anUnknownModelIsNotFoundByName() {
    ModelServer s = server(10 * one, 4);

    assertThatThrownBy(() -> s.generate("nope", PROMPT, greedy(2), TokenSink.discard(), new Cancellation()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("'nope'");
        });
    assertThatThrownBy(() -> s.load("../etc/passwd")).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aFullQueueRefusesAtOnceAndTheQueuedRequestsStillFinish() throws Exception {
    ModelServer s = server(10 * one, 1);
    CountDownLatch firstText = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Completion> running = s.generate("a", PROMPT, greedy(3), text -> {
      firstText.countDown();
      await(release);
    }, new Cancellation());
    try {
      assertThat(firstText.await(60, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Completion> queued = s.generate("a", PROMPT, greedy(3), TokenSink.discard(),
          new Cancellation());

      assertThatThrownBy(() -> s.generate("a", PROMPT, greedy(3), TokenSink.discard(), new Cancellation()))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).contains("--model-queue-depth");
            assertThat(e.details()).containsEntry("retry_after_seconds", "1");
          });
      assertThat(queued).isNotDone();
      release.countDown();
      assertThat(running.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
      assertThat(queued.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCancelledWaitingRequestLeavesTheQueueWithoutGenerating() throws Exception {
    ModelServer s = server(10 * one, 1);
    CountDownLatch firstText = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Completion> running = s.generate("a", PROMPT, greedy(3), text -> {
      firstText.countDown();
      await(release);
    }, new Cancellation());
    try {
      assertThat(firstText.await(60, TimeUnit.SECONDS)).isTrue();
      Cancellation leaving = new Cancellation();
      List<String> leftText = new ArrayList<>();
      CompletableFuture<Completion> waiting = s.generate("a", PROMPT, greedy(3), leftText::add, leaving);

      leaving.cancel();
      // its place in the queue is free again at once: the next request is accepted, not refused
      CompletableFuture<Completion> next = s.generate("a", PROMPT, greedy(2), TokenSink.discard(),
          new Cancellation());

      assertThat(waiting.get(10, TimeUnit.SECONDS).finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(leftText).isEmpty();
      release.countDown();
      assertThat(next.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(2);
      assertThat(running.get(60, TimeUnit.SECONDS).finishReason()).isEqualTo(FinishReason.LENGTH);
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancellingARunningGenerationStopsIt() throws Exception {
    ModelServer s = server(10 * one, 1);
    CountDownLatch firstText = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<Completion> running = s.generate("a", PROMPT, greedy(200), text -> {
      firstText.countDown();
      await(release);
    }, cancellation);

    assertThat(firstText.await(60, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();
    release.countDown();
    Completion completion = running.get(60, TimeUnit.SECONDS);

    assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(completion.completionTokens()).isLessThan(5);
    assertThat(s.loaded()).singleElement().satisfies(m -> assertThat(m.pending()).isZero());
  }

  @Test
  void temperatureZeroIsDeterministicAndMaxTokensEndsWithLength() throws Exception {
    ModelServer s = server(10 * one, 4);

    Completion first = s.generate("a", PROMPT, greedy(12), TokenSink.discard(), new Cancellation())
        .get(60, TimeUnit.SECONDS);
    Completion second = s.generate("a", PROMPT, greedy(12), TokenSink.discard(), new Cancellation())
        .get(60, TimeUnit.SECONDS);

    assertThat(first.text()).isNotEmpty().isEqualTo(second.text());
    assertThat(first.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(first.completionTokens()).isEqualTo(12);
  }

  @Test
  void maxTokensIsCutToTheContextLeftAndAPromptBeyondItIsRefused() throws Exception {
    ModelServer s = server(10 * one, 4);
    int promptTokens = s.load("a").model().tokenize(PROMPT).length;

    Completion filled = s.generate("a", PROMPT, greedy(10_000), TokenSink.discard(), new Cancellation())
        .get(120, TimeUnit.SECONDS);
    assertThat(filled.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
    assertThat(filled.completionTokens()).isLessThanOrEqualTo(TinyLlama.CONTEXT - promptTokens - 1);

    String tooLong = "hello world ".repeat(TinyLlama.CONTEXT);
    assertThatThrownBy(() -> s.generate("a", tooLong, greedy(4), TokenSink.discard(), new Cancellation()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("context of " + TinyLlama.CONTEXT + " tokens");
          assertThat(e.details()).containsEntry("reason", "context_length_exceeded");
        });
  }

  @Test
  void fittingToTheContextKeepsASmallEnoughMaxTokens() {
    GenerationParams asked = new GenerationParams(10, 0.5, 0.9, List.of("x"), 7);

    assertThat(Generations.fitToContext("m", asked, 100, 256)).isSameAs(asked);
    assertThat(Generations.fitToContext("m", asked, 250, 256).maxTokens()).isEqualTo(5);
    assertThat(Generations.fitToContext("m", asked, 250, 256).stop()).containsExactly("x");
    assertThatThrownBy(() -> Generations.fitToContext("m", asked, 255, 256)).isInstanceOf(NodeException.class);
  }

  @Test
  void unloadingFreesTheBudgetAndTheModelLoadsAgainOnDemand() throws Exception {
    ModelServer s = server(10 * one, 4);
    s.load("a");

    assertThat(s.unload("a")).isTrue();
    assertThat(s.unload("a")).isFalse();
    assertThat(s.usedBytes()).isZero();
    assertThat(s.generate("a", PROMPT, greedy(2), TokenSink.discard(), new Cancellation())
        .get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(2);
    assertThat(s.loadedNames()).containsExactly("a");
  }

  private static GenerationParams greedy(int maxTokens) {
    return new GenerationParams(maxTokens, 0, 1, List.of(), SEED);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not release the generation in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
