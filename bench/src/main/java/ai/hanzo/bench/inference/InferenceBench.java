package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Model serving through the node against node-llama-cpp directly, on one generated llama model (about 100M
 * parameters by default: 12 layers x 768, feed-forward 2048, 8,192 tokens, F16, seeded), in one run: prompt and
 * generation tokens per second (non-streamed and streamed), the per-token cost of Server-Sent Events, time to first
 * token at 1, 4 and 16 concurrent clients, and the memory of the loaded model against its file size.
 *
 * <p>Both engines stay loaded for the whole run and are measured in alternating rounds (node, node-llama-cpp, node,
 * ...), so that the load of a shared machine hits both alike; every ratio is also taken per round and its median
 * reported. Same file, same prompt tokens, same context length, same threads (every core), greedy, a fixed number
 * of tokens (the generated model never picks its end token: its output row is zero).
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}, on a JDK >= 21: {@code java
 * -Xmx3g -cp bench/target/benchmarks.jar ai.hanzo.bench.inference.InferenceBench [layers] [embedding] [feedForward]
 * [vocabulary] [rounds]}; {@code -Dhanzo.bench.f32=true} writes F32 matrices instead, {@code -Dhanzo.bench.seed}
 * (42) seeds the weights, {@code -Dhanzo.bench.model-cache} ({@code ~/.cache/hanzo-node/bench-models}) keeps the
 * generated file between runs, {@code -Dhanzo.bench.reference-cpu-variant=haswell} adds a second node-llama-cpp
 * that may use only that one of its prebuilt CPU back-ends (AVX2, as the node's engine build), measured in the
 * same rounds. The node is started through {@code bin/hanzo-node run} as an operator would; the
 * reference is interop/llama-crosscheck's {@code bench.mjs} (HANZO_NPM_PREINSTALLED, or npm ci from its lock file).
 */
public final class InferenceBench {
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final int GENERATE = 64;
  private static final int CONTEXT = 2048;
  private static final String MODEL = "bench";
  /** A second reference restricted to one of node-llama-cpp's CPU back-ends (none unless asked for). */
  private static final Optional<String> VARIANT = Optional.ofNullable(
      System.getProperty("hanzo.bench.reference-cpu-variant")).filter(v -> !v.isBlank());

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int embedding = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int feedForward = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
    int vocabulary = args.length > 3 ? Integer.parseInt(args[3]) : 8192;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, feedForward, CONTEXT)
        .withVocabulary(vocabulary);
    shape = Boolean.getBoolean("hanzo.bench.f32") ? shape : shape.inF16();
    int cores = Runtime.getRuntime().availableProcessors();
    // a run stopped by Ctrl-C or kill leaves neither the node nor node-llama-cpp behind
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
        .forEach(ProcessHandle::destroyForcibly)));
    Path cache = Path.of(System.getProperty("hanzo.bench.model-cache",
        System.getProperty("user.home") + "/.cache/hanzo-node/bench-models"));
    String loadBefore = Machine.uptime();
    System.out.printf("start %s; %s; %d cores (%s); driver JDK %s%n", Instant.now(), loadBefore, cores,
        Machine.cpuModel(), Runtime.version());
    Path file = TinyLlama.cached(cache, SEED, shape);
    long fileBytes = Files.size(file);
    System.out.printf("model: %d layers x %d, ffn %d, vocabulary %d, %s, %,d parameters, %,d bytes, seed %d%n",
        layers, embedding, feedForward, TinyLlama.vocabulary(vocabulary).size(), shape.f16() ? "F16" : "F32",
        shape.parameterCount(), fileBytes, SEED);
    String prompt = prompt(new Random(SEED), 1800);

    Path work = Files.createTempDirectory("hanzo-inference-bench");
    try {
      measure(work, file, prompt, rounds, cores, loadBefore);
    } finally {
      // the data dir holds a copy of the model (models load): 200 MB a run otherwise left in /tmp
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void measure(Path work, Path file, String prompt, int rounds, int cores, String loadBefore)
      throws Exception {
    long fileBytes = Files.size(file);
    Path dataDir = work.resolve("data");
    Machine.run(List.of(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "models", "load",
        file.toString(), "--name", MODEL, "--data-dir", dataDir.toString()), work.resolve("models-load.log"));
    try (BenchNode node = BenchNode.start(dataDir, "--runtime", "process", "--model-memory-budget", "8GiB");
        LlamaReference reference = LlamaReference.start(file, prompt, GENERATE, cores, CONTEXT, Optional.empty());
        LlamaReference sameIsa = VARIANT.isEmpty() ? null
            : LlamaReference.start(file, prompt, GENERATE, cores, CONTEXT, VARIANT)) {
      node.awaitReady(Duration.ofMinutes(3));
      NodeCompletions completions = new NodeCompletions(node.httpPort(), MODEL);
      long rssBefore = node.rssKb();
      completions.load();
      long nodeLoaded = (node.rssKb() - rssBefore) * 1024;
      completions.unary(prompt, 4); // warm-up: every weight page touched once, as the reference's
      long nodeWarm = (node.rssKb() - rssBefore) * 1024;
      JsonNode setup = reference.setup();
      System.out.println("node-llama-cpp settings: " + setup);
      if (sameIsa != null) {
        System.out.println("node-llama-cpp, " + VARIANT.get() + " back-end only: " + sameIsa.setup());
      }

      Rounds results = new Rounds(setup.get("promptTokens").asInt());
      Rounds variant = new Rounds(setup.get("promptTokens").asInt());
      for (int round = 0; round < rounds; round++) {
        NodeCompletions.Unary one = completions.unary(prompt, 1);
        NodeCompletions.Unary many = completions.unary(prompt, GENERATE);
        NodeCompletions.Streamed streamed = completions.streamed(prompt, GENERATE);
        JsonNode ref = reference.round(round);
        results.add(one, many, streamed, ref);
        if (sameIsa != null) {
          JsonNode other = sameIsa.round(round);
          variant.add(one, many, streamed, other);
          System.out.printf("round %d, node-llama-cpp %s only: prompt %.0f ms, %d tokens %.0f ms%n", round,
              VARIANT.get(), other.get("promptMs").asDouble(), other.get("tokens").asInt(),
              other.get("generationMs").asDouble());
        }
        System.out.printf("round %d: node prompt %.0f ms, %d tokens %.0f ms, streamed %.0f ms (%d pieces);"
            + " node-llama-cpp prompt %.0f ms, %d tokens %.0f ms%n", round, one.nanos() / 1e6,
            many.completionTokens(), many.nanos() / 1e6, (streamed.endNanos() - streamed.startNanos()) / 1e6,
            streamed.chunks(), ref.get("promptMs").asDouble(), ref.get("tokens").asInt(),
            ref.get("generationMs").asDouble());
      }
      List<String> ttft = timeToFirstToken(completions);
      String loadAfter = Machine.uptime();

      System.out.println();
      System.out.printf("load: before %s; after %s; end %s%n", loadBefore, loadAfter, Instant.now());
      System.out.printf("prompt tokens: node %d, node-llama-cpp %d; generated: %d%n", results.nodePromptTokens,
          setup.get("promptTokens").asInt(), GENERATE);
      System.out.println();
      System.out.printf("| measurement (median [min-max] of %d rounds) | node (HTTP) | node-llama-cpp | ratio |%n",
          rounds);
      System.out.println("| --- | --- | --- | --- |");
      results.print("node-llama-cpp");
      results.printSse();
      if (sameIsa != null) {
        variant.print("node-llama-cpp, " + VARIANT.get() + " back-end only");
        JsonNode v = sameIsa.setup();
        System.out.printf(Locale.ROOT, "| memory of node-llama-cpp, %s back-end only: after load / after warm-up |"
            + " | %,.1f / %,.1f MB (%.2fx / %.2fx) | |%n", VARIANT.get(), v.get("loadedBytes").asLong() / 1e6,
            v.get("warmBytes").asLong() / 1e6, v.get("loadedBytes").asLong() / (double) fileBytes,
            v.get("warmBytes").asLong() / (double) fileBytes);
      }
      System.out.printf(Locale.ROOT, "| memory: RSS growth after load / after warm-up (file %,d bytes) | %,.1f / %,.1f"
          + " MB (%.2fx / %.2fx the file) | %,.1f / %,.1f MB (%.2fx / %.2fx) | |%n", fileBytes, nodeLoaded / 1e6,
          nodeWarm / 1e6, nodeLoaded / (double) fileBytes, nodeWarm / (double) fileBytes,
          setup.get("loadedBytes").asLong() / 1e6, setup.get("warmBytes").asLong() / 1e6,
          setup.get("loadedBytes").asLong() / (double) fileBytes, setup.get("warmBytes").asLong() / (double) fileBytes);
      ttft.forEach(System.out::println);
    }
  }

  /** Time to first token of a short prompt (8 tokens asked), 1, 4 and 16 clients at once; 16+ requests each. */
  private static List<String> timeToFirstToken(NodeCompletions completions) {
    List<String> rows = new ArrayList<>();
    for (int clients : new int[] {1, 4, 16}) {
      Spread ttft = new Spread();
      for (int round = 0; round < Math.max(2, 16 / clients); round++) {
        List<CompletableFuture<NodeCompletions.Streamed>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          all.add(CompletableFuture.supplyAsync(() -> completions.streamed("hello world", 8)));
        }
        all.forEach(f -> ttft.add(f.join().firstTokenNanos() / 1e6));
      }
      rows.add(String.format(Locale.ROOT, "| time to first token, %d concurrent (%d requests) | p50 %,.0f ms,"
          + " p99 %,.0f ms | | |", clients, ttft.size(), ttft.percentile(50), ttft.percentile(99)));
    }
    return rows;
  }

  /** Words of the model's vocabulary, {@code length} characters or so. */
  private static String prompt(Random random, int length) {
    List<String> words = List.of("the", "node", "runs", "a", "model", "fast", "and", "hanzo", "compute", "data");
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(text.length() == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
    }
    return text.toString();
  }

  /** The figures of every round, node and node-llama-cpp side by side. */
  private static final class Rounds {
    final Spread nodePrompt = new Spread();
    final Spread refPrompt = new Spread();
    final Spread promptRatio = new Spread();
    final Spread nodeUnary = new Spread();
    final Spread refUnary = new Spread();
    final Spread unaryRatio = new Spread();
    final Spread nodeStreamed = new Spread();
    final Spread refStreamed = new Spread();
    final Spread streamedRatio = new Spread();
    final Spread sse = new Spread();
    final int refPromptTokens;
    int nodePromptTokens;

    Rounds(int refPromptTokens) {
      this.refPromptTokens = refPromptTokens;
    }

    void add(NodeCompletions.Unary one, NodeCompletions.Unary many, NodeCompletions.Streamed streamed,
        JsonNode ref) {
      if (many.completionTokens() != GENERATE || streamed.chunks() != GENERATE
          || ref.get("tokens").asInt() != GENERATE) {
        throw new IllegalStateException("a generation stopped early: node " + many.completionTokens() + " / "
            + streamed.chunks() + " streamed, node-llama-cpp " + ref.get("tokens").asInt() + " of " + GENERATE);
      }
      nodePromptTokens = one.promptTokens();
      double np = one.promptTokens() / (one.nanos() / 1e9);
      double rp = refPromptTokens / (ref.get("promptMs").asDouble() / 1e3);
      nodePrompt.add(np);
      refPrompt.add(rp);
      promptRatio.add(np / rp);
      // non-streamed generation: the n-token request minus the 1-token one, so the prompt's cost cancels out
      double nu = (GENERATE - 1) / ((many.nanos() - one.nanos()) / 1e9);
      double ru = (GENERATE - 1) / ((ref.get("generationMs").asDouble() - ref.get("promptMs").asDouble()) / 1e3);
      nodeUnary.add(nu);
      refUnary.add(ru);
      unaryRatio.add(nu / ru);
      // streamed: from the first piece to the last, as node-llama-cpp's onToken stamps
      double ns = (streamed.chunks() - 1) / ((streamed.lastNanos() - streamed.firstNanos()) / 1e9);
      double rs = (GENERATE - 1) / (ref.get("firstToLastMs").asDouble() / 1e3);
      nodeStreamed.add(ns);
      refStreamed.add(rs);
      streamedRatio.add(ns / rs);
      sse.add((streamed.endNanos() - streamed.startNanos() - many.nanos()) / 1e3 / GENERATE);
    }

    void print(String reference) {
      System.out.printf("| vs %s: prompt tokens/s (1-token completion) | %s | %s | %s (per round) |%n",
          reference, nodePrompt.describe(1), refPrompt.describe(1), promptRatio.describe(2));
      System.out.printf("| vs %s: generation tokens/s, non-streamed (%d-token minus 1-token request) | %s | %s"
          + " | %s |%n", reference, GENERATE, nodeUnary.describe(1), refUnary.describe(1), unaryRatio.describe(2));
      System.out.printf("| vs %s: generation tokens/s, streamed (first to last piece) | %s | %s | %s |%n",
          reference, nodeStreamed.describe(1), refStreamed.describe(1), streamedRatio.describe(2));
    }

    void printSse() {
      System.out.printf("| SSE, per token (streamed minus non-streamed, same %d tokens) | %s us | | |%n", GENERATE,
          sse.describe(0));
    }
  }
}
