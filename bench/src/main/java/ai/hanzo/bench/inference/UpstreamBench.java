package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model of kind openai-upstream against the upstream itself, in one run: node B serves a generated llama model
 * (seeded, F32) through llama.cpp; node A serves it as {@code up}, proxying to B's OpenAI routes. Time to first
 * token and generation tokens/s of streamed completions, alternating A and B request by request so both see the
 * same machine load; the ratio is A's cost of proxying (its HTTP client, SSE parse and re-framing). Then concurrent
 * clients: aggregate generation tokens/s of {@code clients} clients streaming at once, through A's {@code up} (8 in
 * flight, the default), through A's {@code up1} (the same upstream with {@code --max-in-flight 1}, how every upstream
 * model was served before), and at B directly, in alternating rounds.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.inference.UpstreamBench [layers] [embedding] [runs] [clients]}.
 */
public final class UpstreamBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final int GENERATE = 64;

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int embedding = args.length > 1 ? Integer.parseInt(args[1]) : 512;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, embedding * 8 / 3, 1024);
    Path work = Files.createTempDirectory("hanzo-upstream-bench");
    System.out.printf("model: %d layers x %d, %,d parameters, seed %d; %d cores; work dir %s%n", layers, embedding,
        shape.parameterCount(), SEED, Runtime.getRuntime().availableProcessors(), work);
    Path file = TinyLlama.write(work, SEED, shape);
    Path dirA = work.resolve("a");
    Path dirB = work.resolve("b");
    String cli = Path.of("bin", "hanzo-node").toAbsolutePath().toString();
    run(List.of(cli, "models", "load", file.toString(), "--name", "bench", "--data-dir", dirB.toString()),
        work.resolve("load.log"));
    try (BenchNode b = BenchNode.start(dirB, "--runtime", "process", "--model-memory-budget", "8GiB",
        "--model-queue-depth", Integer.toString(4 * clients))) {
      b.awaitReady(Duration.ofMinutes(3));
      String baseB = "http://127.0.0.1:" + b.httpPort();
      run(List.of(cli, "models", "add-upstream", "up", "--url", baseB + "/v1", "--upstream-model", "bench",
          "--data-dir", dirA.toString()), work.resolve("add.log"));
      run(List.of(cli, "models", "add-upstream", "up1", "--url", baseB + "/v1", "--upstream-model", "bench",
          "--max-in-flight", "1", "--data-dir", dirA.toString()), work.resolve("add1.log"));
      try (BenchNode a = BenchNode.start(dirA, "--runtime", "process", "--model-queue-depth",
          Integer.toString(4 * clients))) {
        a.awaitReady(Duration.ofMinutes(3));
        String baseA = "http://127.0.0.1:" + a.httpPort();
        String prompt = "\"the node runs a model fast and hanzo compute data\", \"temperature\": 0, \"max_tokens\": "
            + GENERATE + ", \"stream\": true}";
        String direct = "{\"model\": \"bench\", \"prompt\": " + prompt;
        String proxied = "{\"model\": \"up\", \"prompt\": " + prompt;
        stream(baseB, direct); // warm-up: B loads the model
        stream(baseA, proxied);
        List<Double> ttftB = new ArrayList<>();
        List<Double> ttftA = new ArrayList<>();
        List<Double> rateB = new ArrayList<>();
        List<Double> rateA = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          Streamed viaB = stream(baseB, direct);
          Streamed viaA = stream(baseA, proxied);
          if (!viaA.text.equals(viaB.text)) {
            throw new IllegalStateException("A and B answered different text: " + viaA.text + " / " + viaB.text);
          }
          ttftB.add(viaB.ttftMs());
          ttftA.add(viaA.ttftMs());
          rateB.add(viaB.tokensPerSecond());
          rateA.add(viaA.tokensPerSecond());
        }
        System.out.println();
        System.out.println("| measurement (median of " + runs + ", " + GENERATE + " tokens, streamed) | through A"
            + " (openai-upstream) | B directly | ratio A/B |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf("| time to first token | %.1f ms | %.1f ms | %.2fx |%n", median(ttftA), median(ttftB),
            median(ttftA) / median(ttftB));
        System.out.printf("| generation tokens/s | %.1f | %.1f | %.2fx |%n", median(rateA), median(rateB),
            median(rateA) / median(rateB));

        String serial = "{\"model\": \"up1\", \"prompt\": " + prompt;
        stream(baseA, serial);
        List<Double> allA = new ArrayList<>();
        List<Double> allA1 = new ArrayList<>();
        List<Double> allB = new ArrayList<>();
        int rounds = Math.max(3, runs / 3);
        for (int r = 0; r < rounds; r++) {
          allB.add(concurrent(baseB, direct, clients));
          allA.add(concurrent(baseA, proxied, clients));
          allA1.add(concurrent(baseA, serial, clients));
        }
        System.out.println();
        System.out.println("| " + clients + " concurrent clients, 2 streamed completions each (median of " + rounds
            + " rounds) | through A, 8 in flight | through A, 1 in flight | B directly | ratio A(8)/B | ratio"
            + " A(1)/B |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        System.out.printf("| aggregate generation tokens/s | %.1f | %.1f | %.1f | %.2fx | %.2fx |%n", median(allA),
            median(allA1), median(allB), median(allA) / median(allB), median(allA1) / median(allB));
      }
    }
  }

  private record Streamed(long startNanos, long firstNanos, long lastNanos, int chunks, String text) {
    double ttftMs() {
      return (firstNanos - startNanos) / 1e6;
    }

    double tokensPerSecond() {
      return (chunks - 1) / ((lastNanos - firstNanos) / 1e9);
    }
  }

  private static Streamed stream(String base, String body) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
        .timeout(Duration.ofMinutes(5)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(base + " answered " + response.statusCode());
    }
    long first = 0;
    long last = 0;
    int chunks = 0;
    StringBuilder text = new StringBuilder();
    for (String line : (Iterable<String>) response.body()::iterator) {
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
        continue;
      }
      String piece = JSON.readTree(line.substring(6)).at("/choices/0/text").asText("");
      if (!piece.isEmpty()) {
        last = System.nanoTime();
        first = first == 0 ? last : first;
        chunks++;
        text.append(piece);
      }
    }
    return new Streamed(start, first, last, chunks, text.toString());
  }

  /** Aggregate tokens/s of {@code clients} clients streaming two completions each at once. */
  private static double concurrent(String base, String body, int clients) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(pool.submit(() -> stream(base, body).chunks() + stream(base, body).chunks()));
      }
      int tokens = 0;
      for (java.util.concurrent.Future<Integer> f : done) {
        tokens += f.get();
      }
      return tokens / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
