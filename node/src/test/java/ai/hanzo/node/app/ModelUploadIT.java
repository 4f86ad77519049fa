package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.UploadModelChunk;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.LanAddress;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hanzo-node models load FILE} to a node elsewhere: the real node process listens on this machine's
 * non-loopback address (when it has one; else the CLI is told {@code --upload}), so the CLI streams the file
 * (UploadModel) instead of naming a path the node would refuse from a remote caller. A key without models:manage is
 * refused; an admin's upload is stored, listed with its SHA-256, and generates. Bad uploads through a raw gRPC
 * client: truncated, not GGUF, larger than --max-model-size, stalled past --model-upload-idle-timeout, cancelled,
 * and one more than the node takes at once: each gets its status, leaves no file behind, and the node serves
 * meanwhile.
 */
class ModelUploadIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path root;

  @Test
  void aModelIsUploadedToANodeElsewhereAndBadUploadsLeaveNothing() throws Exception {
    System.out.println("ModelUploadIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dir = root.resolve("node");
    Path model = TinyLlama.write(root, SEED);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    String admin = IamNodeFixture.createKey(dir, "admin", null);
    String operator = IamNodeFixture.createKey(dir, "operator", null);
    Optional<String> lan = LanAddress.find().map(InetAddress::getHostAddress);
    String host = lan.orElse("127.0.0.1");
    System.out.println("ModelUploadIT: the node listens on " + host);

    try (NodeGroup nodes = new NodeGroup("--runtime", "process", "--model-memory-budget", "64MiB",
        "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET)) {
      NodeProcess node = nodes.start(dir, "--grpc-addr", host + ":0", "--max-model-size", "4MiB",
          "--model-upload-idle-timeout", "5s");
      Map<String, Integer> ports = node.awaitReady(WAIT);
      String endpoint = host + ":" + ports.get("grpc");
      String[] upload = lan.isPresent() ? new String[0] : new String[] {"--upload"};

      // Without models:manage: refused before anything is sent.
      CliRun refused = cli(endpoint, operator, "load", model.toString(), "--name", "tiny", upload);
      assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
      assertThat(refused.out()).contains("lacks models:manage").doesNotContain("\tat ");

      CliRun loaded = cli(endpoint, admin, "load", model.toString(), "--name", "tiny", upload);
      assertThat(loaded.exit()).as(loaded.out()).isZero();
      assertThat(loaded.out()).contains("loaded tiny (llama").contains("uploaded to the node, sha256 " + sha256);
      CliRun ls = cli(endpoint, admin, "ls");
      assertThat(ls.out()).contains("tiny");
      CliRun inspect = cli(endpoint, admin, "inspect", "tiny");
      assertThat(inspect.out()).contains(sha256).contains("llama");
      assertThat(complete(ports.get("http"), admin)).isEqualTo(4);

      // Not GGUF: a clear one-line refusal (exit 2, the caller's input), nothing stored.
      Path text = Files.writeString(root.resolve("notes.gguf"), "these are notes, not a model\n");
      CliRun notGguf = cli(endpoint, admin, "load", text.toString(), upload);
      assertThat(notGguf.exit()).as(notGguf.out()).isEqualTo(2);
      assertThat(notGguf.out().strip()).doesNotContain("\n").contains("not a GGUF model");
      // Larger than --max-model-size: refused on the declared size.
      Path big = root.resolve("big.gguf");
      byte[] bigBytes = Arrays.copyOf(Files.readAllBytes(model), (4 << 20) + 1);
      Files.write(big, bigBytes);
      CliRun tooLarge = cli(endpoint, admin, "load", big.toString(), upload);
      assertThat(tooLarge.exit()).as(tooLarge.out()).isEqualTo(1);
      assertThat(tooLarge.out().strip()).doesNotContain("\n").contains("4194305 bytes").contains("--max-model-size");

      InferenceServiceGrpc.InferenceServiceStub raw = GrpcClients.builder("http://" + endpoint)
          .addHeader("x-api-key", admin).responseTimeoutMillis(0).build(InferenceServiceGrpc.InferenceServiceStub.class);
      byte[] bytes = Files.readAllBytes(model);

      // Truncated: the declared size, half the bytes, then the end.
      Sent truncated = open(raw, "half", bytes.length, Arrays.copyOf(bytes, bytes.length / 2));
      truncated.requests.onCompleted();
      truncated.assertRefused(Status.Code.INVALID_ARGUMENT, "truncated");

      // Two stalled uploads fill the node's slots: a third is refused at once, and the node still generates.
      Sent stalledA = open(raw, "stalled-a", bytes.length, Arrays.copyOf(bytes, 1000));
      Sent stalledB = open(raw, "stalled-b", bytes.length, Arrays.copyOf(bytes, 1000));
      await().atMost(WAIT).until(() -> partials(dir).size() == 2);
      Sent third = open(raw, "third", bytes.length, new byte[0]);
      third.assertRefused(Status.Code.RESOURCE_EXHAUSTED, "at once");
      assertThat(complete(ports.get("http"), admin)).isEqualTo(4);
      // Both end at the idle timeout, with what they sent deleted.
      stalledA.assertRefused(Status.Code.DEADLINE_EXCEEDED, "--model-upload-idle-timeout");
      stalledB.assertRefused(Status.Code.DEADLINE_EXCEEDED, "nothing was kept");
      await().atMost(WAIT).until(() -> partials(dir).isEmpty());

      // A client that goes away mid-upload leaves nothing either.
      Sent cancelled = open(raw, "cancelled", bytes.length, Arrays.copyOf(bytes, 1000));
      await().atMost(WAIT).until(() -> partials(dir).size() == 1);
      cancelled.requests.cancel("the client gives up", null);
      await().atMost(WAIT).until(() -> partials(dir).isEmpty());

      CliRun after = cli(endpoint, admin, "ls");
      assertThat(after.out()).contains("tiny").doesNotContain("half").doesNotContain("stalled")
          .doesNotContain("cancelled").doesNotContain("notes").doesNotContain("big");
      assertThat(node.output()).doesNotContain(admin).doesNotContain(operator);
      nodes.terminateAll(WAIT);
    }
  }

  /** A completion of 4 tokens by the uploaded model; its completion tokens. */
  private int complete(int httpPort, String key) throws Exception {
    HttpResponse<String> generated = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
        + "/v1/completions")).timeout(WAIT).header("content-type", "application/json").header("x-api-key", key)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\": \"tiny\", \"prompt\": \"hello world\", \"max_tokens\": 4, \"temperature\": 0}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
    return JSON.readTree(generated.body()).at("/usage/completion_tokens").asInt();
  }

  private static CliRun cli(String endpoint, String key, String verb, Object... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("models", "--endpoint", endpoint, "--api-key", key, verb));
    for (Object a : args) {
      if (a instanceof String[] several) {
        all.addAll(List.of(several));
      } else {
        all.add((String) a);
      }
    }
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The files uploads are writing now. */
  private static List<Path> partials(Path dataDir) throws Exception {
    Path uploads = dataDir.resolve("models").resolve(".uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(uploads)) {
      return files.toList();
    }
  }

  /** An upload that declared {@code size} and sent {@code first}, left open. */
  private static Sent open(InferenceServiceGrpc.InferenceServiceStub stub, String name, long size, byte[] first) {
    Sent sent = new Sent();
    sent.requests = (ClientCallStreamObserver<UploadModelChunk>) stub.uploadModel(sent);
    sent.requests.onNext(UploadModelChunk.newBuilder().setName(name).setSizeBytes(size).build());
    // In messages of at most 64 KiB, as the node's field rules take them.
    for (int at = 0; at < first.length; at += 64 * 1024) {
      sent.requests.onNext(UploadModelChunk.newBuilder().setData(ByteString.copyFrom(first, at,
          Math.min(64 * 1024, first.length - at))).build());
    }
    return sent;
  }

  private static final class Sent implements StreamObserver<ModelDetails> {
    ClientCallStreamObserver<UploadModelChunk> requests;
    final CompletableFuture<ModelDetails> answer = new CompletableFuture<>();

    @Override
    public void onNext(ModelDetails value) {
      answer.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      answer.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
    }

    void assertRefused(Status.Code code, String message) throws Exception {
      Throwable error = answer.handle((v, e) -> e).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(error).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(message);
      });
    }
  }
}
