package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /v1/models/{model}} against a real node process: a generated GGUF of tens of MB (a larger vocabulary
 * than the tests' tiny model) is streamed as the raw body, answered 201 with its SHA-256, listed, and generates.
 * Refusals, each leaving no file in {@code models/.uploads} and no model: no models:manage (403), a page of
 * another site (403), no Content-Length (411), not GGUF (400), beyond --max-model-size (413, on the declared
 * length alone), a wrong SHA-256 (400), a name taken (409), a body that stops (408 at the idle timeout) and a client
 * that disconnects mid-body. Raw sockets where the JDK client would not send what a broken client sends.
 */
class ModelHttpUploadIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0xB16L);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 40 000 tokens x 64 wide, input and output embeddings in F32: about 20 MiB. */
  private static final TinyLlama.Shape LARGE = TinyLlama.Shape.TINY.withVocabulary(40_000);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path root;

  @Test
  void aLargeModelIsUploadedOverHttpAndBadUploadsLeaveNothing() throws Exception {
    System.out.println("ModelHttpUploadIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dir = root.resolve("node");
    Path model = TinyLlama.write(root, SEED, LARGE);
    byte[] bytes = Files.readAllBytes(model);
    assertThat(bytes.length).as("the model is larger than 10 MiB").isGreaterThan(10 << 20);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    String admin = IamNodeFixture.createKey(dir, "admin", null);
    String operator = IamNodeFixture.createKey(dir, "operator", null);

    try (NodeGroup nodes = new NodeGroup("--runtime", "process", "--model-memory-budget", "256MiB",
        "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET)) {
      NodeProcess node = nodes.start(dir, "--max-model-size", "64MiB", "--model-upload-idle-timeout", "3s");
      int port = node.awaitReady(WAIT).get("http");
      String base = "http://127.0.0.1:" + port;

      // Without models:manage, or from a page of another site: refused, nothing stored. Refusals that come before
      // the body is read are sent a short one: a client still writing megabytes may see the reset, not the answer.
      byte[] head = Arrays.copyOf(bytes, 1000);
      assertThat(put(base + "/v1/models/big", operator, head, Map.of()).statusCode()).isEqualTo(403);
      HttpResponse<String> crossSite = put(base + "/v1/models/big", admin, head,
          Map.of("origin", "http://evil.example"));
      assertThat(crossSite.statusCode()).isEqualTo(403);
      assertThat(crossSite.body()).contains("cross-origin");

      HttpResponse<String> stored = put(base + "/v1/models/big", admin, bytes, Map.of("x-hanzo-sha256", sha256));
      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
      JsonNode details = JSON.readTree(stored.body());
      assertThat(details.path("name").asText()).isEqualTo("big");
      assertThat(details.path("sha256").asText()).isEqualTo(sha256);
      assertThat(details.path("sizeBytes").asLong()).isEqualTo(bytes.length);
      assertThat(details.path("architecture").asText()).isEqualTo("llama");
      assertThat(details.path("vocabularySize").asLong()).isEqualTo(40_000);
      assertThat(get(base + "/v1/models", admin).body()).contains("\"big\"");
      assertThat(complete(base, admin, "big")).isEqualTo(4);
      // Stored whole: the file in the store is the bytes sent.
      assertThat(sha256(storedFile(dir, "big"))).isEqualTo(sha256);

      // The name is taken now.
      HttpResponse<String> taken = put(base + "/v1/models/big", admin, head, Map.of());
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
      // Not GGUF: refused on the first bytes.
      HttpResponse<String> notGguf = put(base + "/v1/models/notes", admin,
          "these are notes, not a model\n".getBytes(StandardCharsets.UTF_8), Map.of());
      assertThat(notGguf.statusCode()).isEqualTo(400);
      assertThat(notGguf.body()).contains("not a GGUF model");
      // A wrong SHA-256 (the ?sha256= form): checked at the end, nothing kept.
      String wrong = "0".repeat(64);
      HttpResponse<String> badSha = put(base + "/v1/models/badsum?sha256=" + wrong, admin, bytes, Map.of());
      assertThat(badSha.statusCode()).isEqualTo(400);
      assertThat(badSha.body()).contains(sha256).contains(wrong);
      // No Content-Length (chunked): 411 before a byte is written.
      HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/chunked"))
          .timeout(WAIT).header("x-api-key", admin).header("content-type", "application/octet-stream")
          .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(head)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(411);

      // Beyond --max-model-size: refused on Content-Length alone, before the client sends the body.
      try (RawPut tooLarge = new RawPut(port, "/v1/models/huge", admin, (64L << 20) + 1)) {
        assertThat(tooLarge.response()).startsWith("HTTP/1.1 413").contains("--max-model-size");
      }
      // A body that stops: 408 at the idle timeout, and what it sent is deleted.
      try (RawPut stalled = new RawPut(port, "/v1/models/stalled", admin, bytes.length)) {
        stalled.send(Arrays.copyOf(bytes, 1 << 20));
        await().atMost(WAIT).until(() -> partials(dir).size() == 1);
        assertThat(stalled.response()).startsWith("HTTP/1.1 408").contains("--model-upload-idle-timeout");
      }
      await().atMost(WAIT).until(() -> partials(dir).isEmpty());
      // A client that disconnects mid-body leaves nothing either.
      try (RawPut cut = new RawPut(port, "/v1/models/cut", admin, bytes.length)) {
        cut.send(Arrays.copyOf(bytes, 4 << 20));
        await().atMost(WAIT).until(() -> partials(dir).size() == 1);
      }
      await().atMost(WAIT).until(() -> partials(dir).isEmpty());

      String listed = get(base + "/v1/models", admin).body();
      for (String refused : List.of("notes", "badsum", "chunked", "huge", "stalled", "cut")) {
        assertThat(listed).doesNotContain("\"" + refused + "\"");
      }
      assertThat(complete(base, admin, "big")).isEqualTo(4);
      assertThat(node.output()).doesNotContain(admin).doesNotContain(operator);
      nodes.terminateAll(WAIT);
    }
  }

  private HttpResponse<String> put(String url, String key, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).header("x-api-key", key)
        .header("content-type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).header("x-api-key", key).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A completion of 4 tokens by {@code model}; its completion tokens. */
  private int complete(String base, String key, String model) throws Exception {
    HttpResponse<String> generated = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
        .timeout(WAIT).header("content-type", "application/json").header("x-api-key", key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model
            + "\", \"prompt\": \"hello world\", \"max_tokens\": 4, \"temperature\": 0}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
    return JSON.readTree(generated.body()).at("/usage/completion_tokens").asInt();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** The store's file of {@code name}. */
  private static Path storedFile(Path dataDir, String name) {
    return dataDir.resolve("models").resolve(name + ".gguf");
  }

  /** The files uploads are writing now. */
  private static List<Path> partials(Path dataDir) throws IOException {
    Path uploads = dataDir.resolve("models").resolve(".uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(uploads)) {
      return files.toList();
    }
  }

  /** A PUT over a plain socket that declares {@code length} bytes and sends what the test says, then maybe less. */
  private static final class RawPut implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;

    RawPut(int port, String path, String key, long length) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
      socket.setSoTimeout((int) WAIT.toMillis());
      out = socket.getOutputStream();
      out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nx-api-key: " + key
          + "\r\ncontent-type: application/octet-stream\r\ncontent-length: " + length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void send(byte[] data) throws IOException {
      out.write(data);
      out.flush();
    }

    /** The status line and what follows, as far as the node sends before it closes (or WAIT passes). */
    String response() throws IOException {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (java.net.SocketException e) {
          break; // reset after the answer
        }
        if (n < 0) {
          break;
        }
        read.write(buffer, 0, n);
        String text = read.toString(StandardCharsets.UTF_8);
        if (text.contains("\r\n\r\n") && text.contains("}")) {
          break;
        }
      }
      return read.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
