package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.testing.NpmProject;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * Embeddings per second through the node's HTTP API against node-llama-cpp's {@code getEmbeddingFor} on the same
 * generated llama model (about 100M parameters by default, F32, seeded) and the same texts, in one run. The node is
 * measured two ways: one text per {@code /v1/embeddings} request (what the per-request overhead costs) and all texts
 * in one request (a batch, as clients indexing documents send them); the reference embeds them one at a time, its
 * only way. Both use every core; each figure is the median of {@code runs} passes over all texts. The reference
 * runs before and after the node (its process is started twice), so a change of the machine's load during the run
 * shows as a difference between its two figures; the ratios are to their mean.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.inference.EmbeddingBench [layers] [embedding] [runs] [texts]}.
 */
public final class EmbeddingBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final int CONTEXT = 512;

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 14;
    int embedding = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int count = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, embedding * 8 / 3, CONTEXT);
    int cores = Runtime.getRuntime().availableProcessors();
    Path work = Files.createTempDirectory("hanzo-embedding-bench");
    System.out.printf("model: %d layers x %d, %,d parameters, seed %d; %d cores; %d texts; work dir %s%n", layers,
        embedding, shape.parameterCount(), SEED, cores, count, work);
    Path file = TinyLlama.write(work, SEED, shape);
    List<String> texts = texts(new Random(SEED), count);

    JsonNode reference = reference(file, texts, cores, runs);
    double refRate = reference.get("embeddingsPerSecond").asDouble();
    System.out.printf("node-llama-cpp %s: %.1f embeddings/s%n", reference.get("release"), refRate);

    Path dataDir = work.resolve("data");
    Process load = new ProcessBuilder(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "models", "load",
        file.toString(), "--name", "bench", "--data-dir", dataDir.toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("models-load.log").toFile()).start();
    if (load.waitFor() != 0) {
      throw new IllegalStateException("models load failed: " + Files.readString(work.resolve("models-load.log")));
    }
    try (BenchNode node = BenchNode.start(dataDir, "--runtime", "process", "--model-memory-budget", "8GiB")) {
      node.awaitReady(Duration.ofMinutes(3));
      String base = "http://127.0.0.1:" + node.httpPort();
      JsonNode warm = send(base, body(texts.subList(0, 1)));
      int dims = warm.at("/data/0/embedding").size();
      List<Double> single = new ArrayList<>();
      List<Double> batched = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        for (String text : texts) {
          send(base, body(List.of(text)));
        }
        single.add(texts.size() / ((System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        send(base, body(texts));
        batched.add(texts.size() / ((System.nanoTime() - start) / 1e9));
      }
      double one = median(single);
      double all = median(batched);
      double after = reference(file, texts, cores, runs).get("embeddingsPerSecond").asDouble();
      System.out.printf("node-llama-cpp again, after the node: %.1f embeddings/s%n", after);
      double before = refRate;
      refRate = (before + after) / 2;
      System.out.println();
      System.out.printf("| measurement (%d texts, %d dimensions, median of %d passes) | embeddings/s | vs"
          + " node-llama-cpp |%n", texts.size(), dims, runs);
      System.out.println("| --- | --- | --- |");
      System.out.printf("| node-llama-cpp getEmbeddingFor, one text at a time (anchor; before %.1f, after %.1f) |"
          + " %.1f | 1.00x |%n", before, after, refRate);
      System.out.printf("| node, POST /v1/embeddings, one text per request | %.1f | %.2fx |%n", one, one / refRate);
      System.out.printf("| node, POST /v1/embeddings, all %d texts in one request | %.1f | %.2fx |%n", texts.size(),
          all, all / refRate);
    }
  }

  /** Sentences of the model's words, 4 to 24 words each (its tokens are mostly characters: 20 to 150 tokens). */
  private static List<String> texts(Random random, int count) {
    List<String> words = List.of("the", "node", "runs", "a", "model", "fast", "and", "hanzo", "compute", "data");
    List<String> texts = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0, n = 4 + random.nextInt(21); w < n; w++) {
        text.append(w == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  private static String body(List<String> texts) {
    ObjectNode body = JSON.createObjectNode().put("model", "bench");
    ArrayNode input = body.putArray("input");
    texts.forEach(input::add);
    return body.toString();
  }

  private static JsonNode reference(Path file, List<String> texts, int threads, int runs) throws Exception {
    NpmProject project = NpmProject.nearest("interop/llama-crosscheck", "package-lock.json", "the reference");
    project.whySkip().ifPresent(why -> {
      throw new IllegalStateException(why);
    });
    Path in = Files.createTempFile("embed-bench-in", ".json");
    Path out = Files.createTempFile("embed-bench-out", ".json");
    ObjectNode input = JSON.createObjectNode().put("model", file.toString()).put("threads", threads)
        .put("contextSize", CONTEXT).put("runs", runs);
    texts.forEach(input.putArray("prompts")::add);
    Files.writeString(in, input.toString());
    Process node = new ProcessBuilder("node", "embeddings.mjs").directory(project.installed().toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (node.waitFor() != 0) {
      throw new IllegalStateException("embeddings.mjs failed: " + Files.readString(out));
    }
    return JSON.readTree(Files.readString(out).lines().reduce((a, b) -> b).orElse("{}"));
  }

  private static JsonNode send(String base, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/embeddings"))
        .timeout(Duration.ofMinutes(10)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/v1/embeddings answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
