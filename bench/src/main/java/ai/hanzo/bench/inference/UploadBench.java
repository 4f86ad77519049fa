package ai.hanzo.bench.inference;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A model upload over HTTP ({@code PUT /v1/models/{model}}, the raw body) against the same upload over gRPC
 * (UploadModel through {@link NodeClient}, as {@code hanzo-node models load --upload} sends it), in one run on one
 * node, alternating request by request so both see the same machine load. Each side computes the file's SHA-256
 * first and sends it (as the CLI does), and each upload is removed again before the next. Printed: median [min-max]
 * MB/s of each side and the ratio HTTP/gRPC.
 *
 * <p>Usage, from the repository root after {@code mvn -pl bench -am package -DskipTests}: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.inference.UploadBench [vocabulary=500000] [rounds=7]}; the default
 * model (64 wide, 500,000 tokens, F32) is about 256 MB, written once to {@code ~/.cache/hanzo-node/bench-models/}.
 */
public final class UploadBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long SEED = Long.getLong("hanzo.bench.seed", 42L);

  public static void main(String[] args) throws Exception {
    int vocabulary = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path cache = Path.of(System.getProperty("hanzo.bench.model-cache",
        System.getProperty("user.home") + "/.cache/hanzo-node/bench-models"));
    Path file = TinyLlama.cached(cache, SEED, TinyLlama.Shape.TINY.withVocabulary(vocabulary));
    long size = Files.size(file);
    Path work = Files.createTempDirectory("hanzo-upload-bench");
    System.out.printf("model %s, %,d bytes; %d cores; %s; work dir %s%n", file, size,
        Runtime.getRuntime().availableProcessors(), Runtime.version(), work);
    try (BenchNode node = BenchNode.start(work.resolve("node"), "--runtime", "process")) {
      node.awaitReady(Duration.ofMinutes(3));
      String base = "http://127.0.0.1:" + node.httpPort();
      try (NodeClient grpc = new NodeClient(new ClientSettings("127.0.0.1:" + node.grpcPort(), null, null,
          Duration.ofMinutes(10)))) {
        // Warm-up: one of each, not recorded (JIT, the page cache holds the file).
        grpc.uploadModel(file, "warm-grpc");
        remove(base, "warm-grpc");
        http(base, file, "warm-http");
        remove(base, "warm-http");
        List<Double> overHttp = new ArrayList<>();
        List<Double> overGrpc = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          long start = System.nanoTime();
          grpc.uploadModel(file, "g" + r);
          overGrpc.add(size / 1e6 / ((System.nanoTime() - start) / 1e9));
          remove(base, "g" + r);
          start = System.nanoTime();
          http(base, file, "h" + r);
          overHttp.add(size / 1e6 / ((System.nanoTime() - start) / 1e9));
          remove(base, "h" + r);
        }
        System.out.println();
        System.out.println("| upload of " + size / 1_000_000 + " MB, SHA-256 included (median [min-max] of " + rounds
            + ") | MB/s |");
        System.out.println("| --- | --- |");
        System.out.println("| HTTP `PUT /v1/models/{model}` | " + spread(overHttp) + " |");
        System.out.println("| gRPC `UploadModel` | " + spread(overGrpc) + " |");
        System.out.printf("| ratio HTTP/gRPC | %.2fx |%n", median(overHttp) / median(overGrpc));
      }
    }
  }

  /** Uploads {@code file} as {@code name} over HTTP with its SHA-256; fails unless the node answers 201. */
  private static void http(String base, Path file, String name) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/" + name))
        .timeout(Duration.ofMinutes(10)).header("content-type", "application/octet-stream")
        .header("x-hanzo-sha256", sha256(file)).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("HTTP upload answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  private static void remove(String base, String name) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/" + name))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("removing " + name + " answered " + answer.statusCode() + ": "
          + answer.body());
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String spread(List<Double> values) {
    return String.format("%.0f [%.0f-%.0f]", median(values), Collections.min(values), Collections.max(values));
  }
}
