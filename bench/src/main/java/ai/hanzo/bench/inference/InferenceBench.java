package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.testing.NpmProject;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Model serving through the node against node-llama-cpp directly, on one generated llama model (about 100M
 * parameters by default, F32, seeded), in one run: prompt and generation tokens per second, time to first token at
 * 1, 4 and 16 concurrent clients, the per-token cost of Server-Sent Events, and the memory of the loaded model
 * against its file size.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}: {@code java -Xmx3g -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.inference.InferenceBench [layers] [embedding] [runs]}. The node is
 * started through {@code bin/hanzo-node run} as an operator would; the reference is interop/llama-crosscheck's
 * {@code bench.mjs}, installed from its lock file. Both use every core of the machine.
 */
public final class InferenceBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final int GENERATE = 64;

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 14;
    int embedding = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, embedding * 8 / 3, 1024);
    int cores = Runtime.getRuntime().availableProcessors();
    Path work = Files.createTempDirectory("hanzo-inference-bench");
    System.out.printf("model: %d layers x %d, %,d parameters, seed %d; %d cores; work dir %s%n", layers, embedding,
        shape.parameterCount(), SEED, cores, work);
    Path file = TinyLlama.write(work, SEED, shape);
    String prompt = prompt(new Random(SEED), 400);

    JsonNode reference = reference(file, prompt, cores, runs);
    System.out.println("node-llama-cpp: " + reference);

    Path dataDir = work.resolve("data");
    run(List.of(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "models", "load", file.toString(),
        "--name", "bench", "--data-dir", dataDir.toString()), work.resolve("models-load.log"));
    try (BenchNode node = BenchNode.start(dataDir, "--runtime", "process", "--model-memory-budget", "8GiB")) {
      node.awaitReady(Duration.ofMinutes(3));
      String base = "http://127.0.0.1:" + node.httpPort();
      long rssBefore = node.rssKb();
      send(base, "/v1/models/bench/load", "{}");
      long loadedBytes = (node.rssKb() - rssBefore) * 1024;
      String body = "{\"model\": \"bench\", \"prompt\": " + JSON.writeValueAsString(prompt) + ", \"temperature\": 0";
      send(base, "/v1/completions", body + ", \"max_tokens\": 4}"); // warm-up

      List<Double> promptRates = new ArrayList<>();
      List<Double> generationRates = new ArrayList<>();
      List<Double> sseCosts = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        JsonNode one = send(base, "/v1/completions", body + ", \"max_tokens\": 1}");
        promptRates.add(one.at("/usage/prompt_tokens").asInt() / seconds(System.nanoTime() - start));
        Streamed streamed = stream(base, body + ", \"max_tokens\": " + GENERATE + ", \"stream\": true}");
        generationRates.add((streamed.chunks - 1) / seconds(streamed.lastNanos - streamed.firstNanos));
        start = System.nanoTime();
        send(base, "/v1/completions", body + ", \"max_tokens\": " + GENERATE + "}");
        long unary = System.nanoTime() - start;
        sseCosts.add((streamed.endNanos - streamed.startNanos - unary) / 1e3 / GENERATE);
      }
      double nodePrompt = median(promptRates);
      double nodeGeneration = median(generationRates);
      double refPrompt = reference.get("promptTokensPerSecond").asDouble();
      double refGeneration = reference.get("generationTokensPerSecond").asDouble();
      System.out.println();
      System.out.println("| measurement | node (HTTP) | node-llama-cpp | ratio |");
      System.out.println("| --- | --- | --- | --- |");
      System.out.printf("| prompt tokens/s (%d tokens, median of %d) | %.1f | %.1f | %.2fx |%n",
          reference.get("promptTokens").asInt(), runs, nodePrompt, refPrompt, nodePrompt / refPrompt);
      System.out.printf("| generation tokens/s (%d tokens, median of %d) | %.1f | %.1f | %.2fx |%n", GENERATE, runs,
          nodeGeneration, refGeneration, nodeGeneration / refGeneration);
      System.out.printf("| memory of the loaded model (file %,d bytes) | %,d bytes (%.2fx the file) | %,d bytes"
          + " (%.2fx) | |%n", Files.size(file), loadedBytes, loadedBytes / (double) Files.size(file),
          reference.get("loadedBytes").asLong(), reference.get("loadedBytes").asLong() / (double) Files.size(file));
      System.out.printf("| SSE framing, per token (streamed minus unary, median of %d) | %.0f us | | |%n", runs,
          median(sseCosts));
      String shortBody = "{\"model\": \"bench\", \"prompt\": \"hello world\", \"temperature\": 0, \"max_tokens\": 8,"
          + " \"stream\": true}";
      for (int clients : new int[] {1, 4, 16}) {
        List<Double> ttft = new ArrayList<>();
        for (int round = 0; round < Math.max(2, 32 / clients); round++) {
          List<CompletableFuture<Streamed>> all = new ArrayList<>();
          for (int c = 0; c < clients; c++) {
            all.add(CompletableFuture.supplyAsync(() -> stream(base, shortBody)));
          }
          for (CompletableFuture<Streamed> f : all) {
            Streamed s = f.join();
            ttft.add((s.firstNanos - s.startNanos) / 1e6);
          }
        }
        Collections.sort(ttft);
        System.out.printf("| time to first token, %d concurrent (%d requests) | p50 %.0f ms, p99 %.0f ms | | |%n",
            clients, ttft.size(), ttft.get(ttft.size() / 2), ttft.get((int) Math.ceil(ttft.size() * 0.99) - 1));
      }
    }
  }

  /** Words of the model's vocabulary, {@code length} characters or so (its tokens are mostly characters). */
  private static String prompt(Random random, int length) {
    List<String> words = List.of("the", "node", "runs", "a", "model", "fast", "and", "hanzo", "compute", "data");
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(text.length() == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
    }
    return text.toString();
  }

  private static JsonNode reference(Path file, String prompt, int threads, int runs) throws Exception {
    NpmProject project = NpmProject.nearest("interop/llama-crosscheck", "package-lock.json", "the reference");
    project.whySkip().ifPresent(why -> {
      throw new IllegalStateException(why);
    });
    Path in = Files.createTempFile("bench-in", ".json");
    Path out = Files.createTempFile("bench-out", ".json");
    Files.writeString(in, JSON.createObjectNode().put("model", file.toString()).put("prompt", prompt)
        .put("generateTokens", GENERATE).put("threads", threads).put("runs", runs).toString());
    Process node = new ProcessBuilder("node", "bench.mjs").directory(project.installed().toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (node.waitFor() != 0) {
      throw new IllegalStateException("bench.mjs failed: " + Files.readString(out));
    }
    return JSON.readTree(Files.readString(out).lines().reduce((a, b) -> b).orElse("{}"));
  }

  private record Streamed(long startNanos, long firstNanos, long lastNanos, long endNanos, int chunks) {}

  /** A streamed completion: when it was sent, when its first and last piece of text came, how many pieces. */
  private static Streamed stream(String base, String body) {
    long start = System.nanoTime();
    try {
      HttpResponse<Stream<String>> response = HTTP.send(request(base, "/v1/completions", body),
          HttpResponse.BodyHandlers.ofLines());
      long first = 0;
      long last = 0;
      int chunks = 0;
      for (String line : (Iterable<String>) response.body()::iterator) {
        if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
          continue;
        }
        JsonNode chunk = JSON.readTree(line.substring(6));
        if (!chunk.at("/choices/0/text").asText("").isEmpty()) {
          last = System.nanoTime();
          first = first == 0 ? last : first;
          chunks++;
        }
      }
      return new Streamed(start, first, last, System.nanoTime(), chunks);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode send(String base, String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(request(base, path, body), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static HttpRequest request(String base, String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
