package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several sequences of one model decoded at once ({@code --model-parallel}): two nodes serving the same generated
 * llama model in one run, one with a single slot (the anchor) and one with {@code N}; at 1, 4 and 16 concurrent
 * streaming clients, time to first token (p50/p99) and aggregate generated tokens per second, the two nodes measured
 * in alternating rounds so that the load of a shared machine hits both alike.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}, on a JDK >= 21: {@code java
 * -cp bench/target/benchmarks.jar ai.hanzo.bench.inference.ParallelDecodingBench [parallel=4] [layers=6]
 * [embedding=512] [vocabulary=8192] [tokens=32] [rounds=2]}; {@code -Dhanzo.bench.seed} (42) and
 * {@code -Dhanzo.bench.model-cache} as InferenceBench. Each request is a short greedy prompt asking for {@code tokens}
 * tokens; a round at {@code c} clients is {@code c} requests at once, repeated until 16 requests have run.
 */
public final class ParallelDecodingBench {
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final int CONTEXT = 512;
  private static final String MODEL = "bench";
  private static final int[] CLIENTS = {1, 4, 16};

  public static void main(String[] args) throws Exception {
    int parallel = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int layers = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int embedding = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int vocabulary = args.length > 3 ? Integer.parseInt(args[3]) : 8192;
    int tokens = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, embedding * 3, CONTEXT)
        .withVocabulary(vocabulary).inF16();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
        .forEach(ProcessHandle::destroyForcibly)));
    Path cache = Path.of(System.getProperty("hanzo.bench.model-cache",
        System.getProperty("user.home") + "/.cache/hanzo-node/bench-models"));
    String loadBefore = Machine.uptime();
    System.out.printf("start %s; %s; %d cores (%s); driver JDK %s%n", Instant.now(), loadBefore,
        Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), Runtime.version());
    Path file = TinyLlama.cached(cache, SEED, shape);
    System.out.printf("model: %d layers x %d, vocabulary %d, F16, %,d parameters, %,d bytes, seed %d; %d tokens per"
        + " request, parallel 1 vs %d%n", layers, embedding, TinyLlama.vocabulary(vocabulary).size(),
        shape.parameterCount(), Files.size(file), SEED, tokens, parallel);
    Path work = Files.createTempDirectory("hanzo-parallel-bench");
    try {
      measure(work, file, parallel, tokens, rounds, loadBefore);
    } finally {
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void measure(Path work, Path file, int parallel, int tokens, int rounds, String loadBefore)
      throws Exception {
    Path oneDir = work.resolve("one");
    Path manyDir = work.resolve("many");
    for (Path dir : List.of(oneDir, manyDir)) {
      Machine.run(List.of(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "models", "load",
          file.toString(), "--name", MODEL, "--data-dir", dir.toString()), work.resolve("models-load.log"));
    }
    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    try (BenchNode one = BenchNode.start(oneDir, "--runtime", "process", "--model-parallel", "1",
            "--model-queue-depth", "64", "--model-memory-budget", "2GiB");
        BenchNode many = BenchNode.start(manyDir, "--runtime", "process", "--model-parallel",
            Integer.toString(parallel), "--model-queue-depth", "64", "--model-memory-budget", "2GiB")) {
      one.awaitReady(Duration.ofMinutes(3));
      many.awaitReady(Duration.ofMinutes(3));
      NodeCompletions single = new NodeCompletions(one.httpPort(), MODEL);
      NodeCompletions batched = new NodeCompletions(many.httpPort(), MODEL);
      warmUp(single);
      warmUp(batched);
      List<String> rows = new ArrayList<>();
      for (int c : CLIENTS) {
        Figures a = new Figures();
        Figures b = new Figures();
        for (int round = 0; round < rounds; round++) {
          a.add(burst(single, c, tokens, clients));
          b.add(burst(batched, c, tokens, clients));
        }
        rows.add(String.format(Locale.ROOT, "| %d | p50 %,.0f / p99 %,.0f ms | p50 %,.0f / p99 %,.0f ms | %.2fx /"
            + " %.2fx | %,.1f | %,.1f | %.2fx |", c, a.ttft.percentile(50), a.ttft.percentile(99),
            b.ttft.percentile(50), b.ttft.percentile(99), b.ttft.percentile(50) / a.ttft.percentile(50),
            b.ttft.percentile(99) / a.ttft.percentile(99), a.tokensPerSecond(), b.tokensPerSecond(),
            b.tokensPerSecond() / a.tokensPerSecond()));
        System.out.println(rows.get(rows.size() - 1));
      }
      System.out.println();
      System.out.printf("load: before %s; after %s; end %s%n", loadBefore, Machine.uptime(), Instant.now());
      System.out.printf("| clients | TTFT, parallel 1 | TTFT, parallel %d | TTFT ratio (p50 / p99) | tokens/s,"
          + " parallel 1 | tokens/s, parallel %d | tokens/s ratio |%n", parallel, parallel);
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      rows.forEach(System.out::println);
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Loads the model with a first request; on a loaded machine the load can outlast the node's request timeout (503),
   * and the next try finds it loaded or loading.
   */
  private static void warmUp(NodeCompletions node) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        node.unary("hello world", 4);
        return;
      } catch (IllegalStateException e) {
        if (attempt == 5) {
          throw e;
        }
        System.out.println("warm-up " + attempt + " failed, again: " + e.getMessage());
      }
    }
  }

  /** {@code clients} streamed requests at once, repeated until at least 16 have run. */
  private static Burst burst(NodeCompletions node, int clients, int tokens, ExecutorService pool) {
    List<NodeCompletions.Streamed> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int wave = 0; wave < Math.max(1, 16 / clients); wave++) {
      List<CompletableFuture<NodeCompletions.Streamed>> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        // a prompt of its own per client, so that no two requests share a prompt prefix
        String prompt = "hello world " + "the node ".repeat(i % 4) + "data " + i;
        all.add(CompletableFuture.supplyAsync(() -> node.streamed(prompt, tokens), pool));
      }
      all.forEach(f -> done.add(f.join()));
    }
    return new Burst(done, System.nanoTime() - start);
  }

  private record Burst(List<NodeCompletions.Streamed> requests, long nanos) {}

  /** Time to first token of every request, and tokens generated against the wall time of the bursts. */
  private static final class Figures {
    final Spread ttft = new Spread();
    long tokens;
    long nanos;

    void add(Burst burst) {
      for (NodeCompletions.Streamed s : burst.requests()) {
        ttft.add(s.firstTokenNanos() / 1e6);
        tokens += s.chunks();
      }
      nanos += burst.nanos();
    }

    double tokensPerSecond() {
      return tokens / (nanos / 1e9);
    }
  }
}
