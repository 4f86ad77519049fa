package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
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
import java.util.Locale;
import java.util.Random;

/**
 * Embeddings through the network route against the same embeddings asked of the serving node directly, in one run:
 * node B serves a generated llama model (seeded, F32), node A serves none and forwards {@code route: network}
 * requests to B over {@code /hanzo/inference/1.0.0}. Both are real {@code bin/hanzo-node run} processes on
 * loopback. Each pass sends every text as its own {@code /v1/embeddings} request and then all texts in one request,
 * to B (the anchor) and through A, alternating, so a change of the machine's load hits both alike; the figures are
 * medians over passes. What A adds is the forwarding: a second HTTP hop's worth of work, the libp2p stream and the
 * protobuf copy of the vectors.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.inference.NetworkEmbeddingBench [layers] [embedding] [runs] [texts]}.
 */
public final class NetworkEmbeddingBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);
  private static final Duration WAIT = Duration.ofMinutes(3);

  private NetworkEmbeddingBench() {}

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int embedding = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int count = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    TinyLlama.Shape shape = new TinyLlama.Shape(embedding, layers, embedding / 64, embedding * 8 / 3, 512);
    Path work = Files.createTempDirectory("hanzo-network-embedding-bench");
    System.out.printf(Locale.ROOT, "model: %d layers x %d, %,d parameters, seed %d; %d texts; work dir %s%n",
        layers, embedding, shape.parameterCount(), SEED, count, work);
    Path file = TinyLlama.write(work, SEED, shape);
    Path dirB = work.resolve("b");
    Process load = new ProcessBuilder(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "models", "load",
        file.toString(), "--name", "bench", "--data-dir", dirB.toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("models-load.log").toFile()).start();
    if (load.waitFor() != 0) {
      throw new IllegalStateException("models load failed: " + Files.readString(work.resolve("models-load.log")));
    }
    List<String> texts = texts(new Random(SEED), count);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--mdns", "false",
        "--model-memory-budget", "4GiB"};
    try (BenchNode a = BenchNode.start(work.resolve("a"), with(common, "--node-id", "node-a"))) {
      a.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + port(a, "p2p") + "/p2p/" + peerId(a);
      try (BenchNode b = BenchNode.start(dirB, with(common, "--node-id", "node-b", "--bootstrap", bootstrap))) {
        b.awaitReady(WAIT);
        String direct = "http://127.0.0.1:" + b.httpPort();
        String viaA = "http://127.0.0.1:" + a.httpPort();
        send(direct, body(texts.subList(0, 1), false)); // loads the model for embeddings
        awaitRoute(viaA, body(texts.subList(0, 1), true));
        List<Double> oneB = new ArrayList<>();
        List<Double> oneA = new ArrayList<>();
        List<Double> allB = new ArrayList<>();
        List<Double> allA = new ArrayList<>();
        for (int r = 0; r < runs + 1; r++) {
          double[] pass = {perText(direct, texts, false), perText(viaA, texts, true), batch(direct, texts, false),
              batch(viaA, texts, true)};
          if (r > 0) { // the first pass warms both JVMs
            oneB.add(pass[0]);
            oneA.add(pass[1]);
            allB.add(pass[2]);
            allA.add(pass[3]);
          }
        }
        int dims = send(direct, body(texts.subList(0, 1), false)).at("/data/0/embedding").size();
        System.out.println();
        System.out.printf(Locale.ROOT, "| measurement (%d texts, %d dimensions, median of %d passes) | ms |"
            + " vs B directly |%n", texts.size(), dims, runs);
        System.out.println("| --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| one text per request, to B directly (anchor), ms per request | %.2f |"
            + " 1.00x |%n", median(oneB));
        System.out.printf(Locale.ROOT, "| one text per request, to A with route: network, ms per request | %.2f |"
            + " %.2fx |%n", median(oneA), median(oneA) / median(oneB));
        System.out.printf(Locale.ROOT, "| all %d texts in one request, to B directly (anchor), ms | %.2f | 1.00x |%n",
            texts.size(), median(allB));
        System.out.printf(Locale.ROOT, "| all %d texts in one request, to A with route: network, ms | %.2f |"
            + " %.2fx |%n", texts.size(), median(allA), median(allA) / median(allB));
        System.out.printf(Locale.ROOT, "forwarding adds %.2f ms per single-text request, %.2f ms per batch%n",
            median(oneA) - median(oneB), median(allA) - median(allB));
      }
    }
  }

  private static String[] with(String[] common, String... extra) {
    List<String> all = new ArrayList<>(List.of(common));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  /** Mean milliseconds per request over one request per text. */
  private static double perText(String base, List<String> texts, boolean network) throws Exception {
    long start = System.nanoTime();
    for (String text : texts) {
      send(base, body(List.of(text), network));
    }
    return (System.nanoTime() - start) / 1e6 / texts.size();
  }

  private static double batch(String base, List<String> texts, boolean network) throws Exception {
    long start = System.nanoTime();
    send(base, body(texts, network));
    return (System.nanoTime() - start) / 1e6;
  }

  /** Until A has heard of B as the model's provider (heartbeat and DHT), the route answers 404: poll it. */
  private static void awaitRoute(String viaA, String body) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      HttpResponse<String> r = post(viaA, body);
      if (r.statusCode() == 200) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("A never reached B: " + r.statusCode() + " " + r.body());
      }
      Thread.sleep(500); // polling a condition with a deadline, not synchronization
    }
  }

  /** Sentences of the model's words, 4 to 24 words each. */
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

  private static String body(List<String> texts, boolean network) {
    ObjectNode body = JSON.createObjectNode().put("model", "bench");
    if (network) {
      body.put("route", "network");
    }
    ArrayNode input = body.putArray("input");
    texts.forEach(input::add);
    return body.toString();
  }

  private static JsonNode send(String base, String body) throws Exception {
    HttpResponse<String> response = post(base, body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/v1/embeddings answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> post(String base, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/embeddings")).timeout(Duration.ofMinutes(5))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String peerId(BenchNode n) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort()
        + "/v1/network")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("peerId").asText();
  }

  private static int port(BenchNode n, String name) throws Exception {
    return JSON.readTree(Files.readString(n.dataDir.resolve("ports.json"))).path(name).asInt();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
