package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several sequences of one model decoded at once (--model-parallel): the real llama.cpp engine with a tiny model the
 * test writes itself (seeded weights), loaded with {@link #SLOTS} slots.
 */
class ParallelDecodingIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final int SLOTS = 4;
  private static final String PROMPT = "hello world";
  private static final List<String> OTHER_PROMPTS = List.of("the red node", "compute data fast", "two blue peer");

  @TempDir
  static Path dir;
  private static ModelStore store;
  private static LlamaEngine engine;

  @BeforeAll
  static void writeTheModel() throws IOException {
    System.out.println("ParallelDecodingIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path file = TinyLlama.write(dir, SEED);
    store = ModelStore.in(dir.resolve("data"), Clock.systemUTC());
    store.add(file, "tiny");
    // wide enough (512, F16 matrices) that llama.cpp multiplies a batch with its tiled kernels rather than row by row,
    // where the rows of other sequences could change the sums of this one
    Path wide = TinyLlama.write(Files.createDirectories(dir.resolve("wide")), SEED,
        new TinyLlama.Shape(512, 2, 8, 1536, 256).withVocabulary(2048).inF16());
    store.add(wide, "wide");
    engine = new LlamaEngine(2 * SLOTS, 64);
  }

  @AfterAll
  static void closeTheEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private static ModelServer server(int slots, int queueDepth) {
    return new ModelServer(store, engine, 1L << 30, queueDepth, new LoadOptions(0, 1, slots));
  }

  @Test
  void aSecondRequestGetsItsFirstTokenWhileTheFirstIsStillGenerating() throws Exception {
    try (Server s = new Server(server(SLOTS, 4))) {
      CountDownLatch firstStarted = new CountDownLatch(1);
      CountDownLatch secondToken = new CountDownLatch(1);
      // the first request cannot finish until the second has a token: with one sequence at a time the second
      // would wait behind it and the latch would run out
      CompletableFuture<Completion> first = s.server.generate("tiny", PROMPT, greedy(20), text -> {
        firstStarted.countDown();
        await(secondToken);
      }, new Cancellation());
      assertThat(firstStarted.await(60, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Completion> second = s.server.generate("tiny", PROMPT, greedy(20),
          text -> secondToken.countDown(), new Cancellation());

      assertThat(first.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(20);
      assertThat(second.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(20);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "wide"})
  void greedyOutputIsTheSameAloneAndInABatch(String model) throws Exception {
    try (Server s = new Server(server(SLOTS, 4))) {
      Completion alone = s.server.generate(model, PROMPT, greedy(40), TokenSink.discard(), new Cancellation())
          .get(60, TimeUnit.SECONDS);
      List<String> othersAlone = new ArrayList<>();
      for (String other : OTHER_PROMPTS) {
        othersAlone.add(s.server.generate(model, other, greedy(40), TokenSink.discard(), new Cancellation())
            .get(60, TimeUnit.SECONDS).text());
      }

      // all four started before any finishes: each holds its first token until the four have one
      CountDownLatch allStarted = new CountDownLatch(1 + OTHER_PROMPTS.size());
      List<CompletableFuture<Completion>> batch = new ArrayList<>();
      for (String prompt : concat(PROMPT, OTHER_PROMPTS)) {
        boolean[] seen = new boolean[1];
        batch.add(s.server.generate(model, prompt, greedy(40), text -> {
          if (!seen[0]) {
            seen[0] = true;
            allStarted.countDown();
            await(allStarted);
          }
        }, new Cancellation()));
      }
      List<String> batched = new ArrayList<>();
      for (CompletableFuture<Completion> c : batch) {
        batched.add(c.get(60, TimeUnit.SECONDS).text());
      }

      System.out.println(model + " alone:   " + alone.text() + " | " + othersAlone);
      System.out.println(model + " batched: " + batched);
      assertThat(alone.text()).isNotBlank();
      assertThat(batched).containsExactlyElementsOf(concat(alone.text(), othersAlone));
    }
  }

  @Test
  void cancellingOneSequenceStopsOnlyThatOne() throws Exception {
    try (Server s = new Server(server(SLOTS, 4))) {
      Completion expected = s.server.generate("tiny", PROMPT, greedy(60), TokenSink.discard(), new Cancellation())
          .get(60, TimeUnit.SECONDS);
      CountDownLatch bothStarted = new CountDownLatch(2);
      CountDownLatch cancelled = new CountDownLatch(1);
      Cancellation stopMe = new Cancellation();
      boolean[] seen = new boolean[2];
      CompletableFuture<Completion> kept = s.server.generate("tiny", PROMPT, greedy(60), text -> {
        if (!seen[0]) {
          seen[0] = true;
          bothStarted.countDown();
          await(cancelled);
        }
      }, new Cancellation());
      CompletableFuture<Completion> stopped = s.server.generate("tiny", PROMPT, greedy(60), text -> {
        if (!seen[1]) {
          seen[1] = true;
          bothStarted.countDown();
          await(bothStarted);
        }
      }, stopMe);
      assertThat(bothStarted.await(60, TimeUnit.SECONDS)).isTrue();

      stopMe.cancel();
      Completion stoppedResult = stopped.get(60, TimeUnit.SECONDS);
      cancelled.countDown();
      Completion keptResult = kept.get(60, TimeUnit.SECONDS);

      assertThat(stoppedResult.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(stoppedResult.completionTokens()).isLessThan(60);
      assertThat(keptResult.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(keptResult.text()).isEqualTo(expected.text());
    }
  }

  @Test
  void theQueueBoundStillHoldsBeyondTheSlots() throws Exception {
    try (Server s = new Server(server(2, 1))) {
      CountDownLatch twoRunning = new CountDownLatch(2);
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<Completion>> running = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          boolean[] seen = new boolean[1];
          running.add(s.server.generate("tiny", PROMPT, greedy(3), text -> {
            if (!seen[0]) {
              seen[0] = true;
              twoRunning.countDown();
            }
            await(release);
          }, new Cancellation()));
        }
        assertThat(twoRunning.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Completion> queued = s.server.generate("tiny", PROMPT, greedy(3), TokenSink.discard(),
            new Cancellation());

        assertThatThrownBy(() -> s.server.generate("tiny", PROMPT, greedy(3), TokenSink.discard(),
            new Cancellation())).isInstanceOfSatisfying(NodeException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
              assertThat(e.details()).containsEntry("retry_after_seconds", "1");
            });
        assertThat(queued).isNotDone();
        release.countDown();
        for (CompletableFuture<Completion> c : running) {
          assertThat(c.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
        }
        assertThat(queued.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void everySlotHasTheWholeContextAndAnOverflowIsStillRefused() throws Exception {
    try (Server s = new Server(server(SLOTS, 4))) {
      int context = s.server.load("tiny").contextLength();
      assertThat(context).isEqualTo(TinyLlama.CONTEXT);
      // four sequences that each fill the context: with n_ctx split four ways they would not fit
      List<CompletableFuture<Completion>> full = new ArrayList<>();
      for (int i = 0; i < SLOTS; i++) {
        full.add(s.server.generate("tiny", PROMPT, greedy(10_000), TokenSink.discard(), new Cancellation()));
      }
      int promptTokens = s.server.load("tiny").model().tokenize(PROMPT).length;
      for (CompletableFuture<Completion> c : full) {
        Completion completion = c.get(120, TimeUnit.SECONDS);
        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.completionTokens()).isEqualTo(context - promptTokens - 1);
      }
      String tooLong = "hello ".repeat(context);
      assertThatThrownBy(() -> s.server.generate("tiny", tooLong, greedy(3), TokenSink.discard(),
          new Cancellation())).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.details()).containsEntry("reason", "context_length_exceeded");
          });
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
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

  /** Unloads the model (not the shared engine) when a test ends. */
  private record Server(ModelServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.loadedNames().forEach(server::unload);
    }
  }
}
