package ai.hanzo.node.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llama.cpp engine on a tiny llama model the test writes itself (seeded weights, no download): real native
 * loading, tokenizing and generation.
 */
class LlamaEngineIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final String PROMPT = "hello world";

  @TempDir
  static Path dir;
  private static Path file;
  private static LlamaEngine engine;
  private static LoadedModel model;

  @BeforeAll
  static void loadTheTinyModel() throws IOException {
    file = TinyLlama.write(dir, SEED);
    engine = new LlamaEngine(1, 1);
    model = engine.load("tiny", file, new LoadOptions(0, 1));
  }

  @AfterAll
  static void unload() {
    if (model != null) {
      model.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void temperatureZeroGivesTheSameTextTwice() throws Exception {
    Completion first = generate(greedy(24, List.of()), new ArrayList<>());
    Completion second = generate(greedy(24, List.of()), new ArrayList<>());

    assertThat(first.text()).isNotBlank().isEqualTo(second.text());
    assertThat(first.completionTokens()).isEqualTo(24);
    assertThat(first.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void maxTokensIsRespectedAndTheSinkSeesTheWholeTextInPieces() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();

    Completion completion = model.generate(PROMPT, greedy(5, List.of()), text -> {
      pieces.add(text);
      threads.add(Thread.currentThread().getName());
    }, new Cancellation()).get(60, TimeUnit.SECONDS);

    assertThat(completion.completionTokens()).isEqualTo(5);
    assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(String.join("", pieces)).isEqualTo(completion.text());
    assertThat(pieces).hasSizeBetween(1, 5);
    assertThat(completion.promptTokens()).isEqualTo(model.tokenize(PROMPT).length).isPositive();
    assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("llama-generate-"));
  }

  @Test
  void aStopSequenceEndsTheTextBeforeIt() throws Exception {
    List<String> pieces = new ArrayList<>();
    Completion full = generate(greedy(40, List.of()), pieces);
    // a later token's text as the stop sequence: the text must end where it first appears
    String stop = pieces.get(pieces.size() / 2);
    String expected = full.text().substring(0, full.text().indexOf(stop));

    Completion stopped = generate(greedy(40, List.of(stop)), new ArrayList<>());

    assertThat(stopped.text()).isEqualTo(expected);
    assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(stopped.completionTokens()).isLessThan(40);
  }

  @Test
  void cancellingStopsGenerationWithinATokenOrTwo() throws Exception {
    CountDownLatch firstToken = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<Completion> running = model.generate(PROMPT, greedy(200, List.of()), text -> {
      firstToken.countDown();
      await(cancelled);
    }, cancellation);

    assertThat(firstToken.await(60, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();
    cancelled.countDown();
    Completion completion = running.get(30, TimeUnit.SECONDS);

    assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(completion.completionTokens()).isBetween(1, 3);
  }

  @Test
  void aGenerationCancelledBeforeItStartsGeneratesNothing() throws Exception {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    List<String> pieces = new CopyOnWriteArrayList<>();

    Completion completion = model.generate(PROMPT, greedy(20, List.of()), pieces::add, cancellation)
        .get(30, TimeUnit.SECONDS);

    assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(completion.completionTokens()).isZero();
    assertThat(pieces).isEmpty();
  }

  @Test
  void aFullQueueRefusesAtOnce() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // one generation thread and one queue slot: the first runs (held in its sink), the second waits, the third
    // has no room
    CompletableFuture<Completion> running = model.generate(PROMPT, greedy(3, List.of()), text -> {
      started.countDown();
      await(release);
    }, new Cancellation());
    try {
      assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Completion> queued = model.generate(PROMPT, greedy(3, List.of()), TokenSink.discard(),
          new Cancellation());
      CompletableFuture<Completion> refused = model.generate(PROMPT, greedy(3, List.of()), TokenSink.discard(),
          new Cancellation());

      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::join).hasCauseInstanceOf(NodeException.class)
          .cause().extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
      release.countDown();
      assertThat(running.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
      assertThat(queued.get(60, TimeUnit.SECONDS).completionTokens()).isEqualTo(3);
    } finally {
      release.countDown();
    }
  }

  @Test
  void tokenizingGivesIdsOfTheVocabulary() {
    int[] ids = model.tokenize("hello world");

    assertThat(ids).isNotEmpty();
    assertThat(java.util.stream.IntStream.of(ids).boxed().toList())
        .allSatisfy(id -> assertThat(id).isBetween(0, TinyLlama.vocabulary().size() - 1));
  }

  @Test
  void theMemoryEstimateCoversTheWeightsAndTheCache() throws IOException {
    long estimate = engine.estimateMemory(file, new LoadOptions(0, 1));

    // the KV cache of 2 layers x 256 tokens x 64 wide, keys and values, F16
    assertThat(estimate).isEqualTo(Files.size(file) + 2L * 2 * 256 * 64 * 2);
    assertThat(model.memoryBytes()).isEqualTo(estimate);
  }

  @Test
  void anUnloadedModelRefusesWork() throws IOException {
    LoadedModel second = engine.load("second", file, new LoadOptions(128, 1));
    second.close();

    assertThatThrownBy(() -> second.tokenize("hi")).isInstanceOf(NodeException.class)
        .hasMessageContaining("unloaded");
    assertThatThrownBy(() -> second.generate(PROMPT, greedy(3, List.of()), TokenSink.discard(), new Cancellation())
        .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("unloaded");
  }

  @Test
  void aFileThatIsNotAModelIsRefusedBeforeLlamaCppSeesIt() throws IOException {
    Path notAModel = Files.writeString(dir.resolve("not-a-model.gguf"), "just some text, no weights");

    assertThatThrownBy(() -> engine.load("bad", notAModel, new LoadOptions(0, 1)))
        .isInstanceOf(NodeException.class).hasMessageContaining("not a GGUF file")
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  private static GenerationParams greedy(int maxTokens, List<String> stop) {
    return new GenerationParams(maxTokens, 0, 1, stop, SEED);
  }

  private static Completion generate(GenerationParams params, List<String> pieces) throws Exception {
    return model.generate(PROMPT, params, pieces::add, new Cancellation()).get(60, TimeUnit.SECONDS);
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
