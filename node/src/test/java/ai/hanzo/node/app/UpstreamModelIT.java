package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.NpmProject;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of kind openai-upstream, with a real upstream: node B serves the tiny generated GGUF through llama.cpp on
 * its OpenAI routes, with IAM on; node A registers model {@code up} pointing at B (B's token in a file, by the CLI
 * on A's stopped data directory) and serves it through its own IAM. The unchanged {@code openai} SDK gets the same
 * greedy text, streamed and not, and the same embeddings from A as from B; A records the usage under A's caller; a
 * caller without inference:execute on A is refused by A; the key never shows; an upstream that is down is a clear
 * 503 on A while {@code up} keeps serving.
 */
class UpstreamModelIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final NpmProject CLIENT = NpmProject.nearest("interop/openai-client", "package-lock.json",
      "the OpenAI SDK test");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path root;

  @Test
  void aNodeServesAnotherServersModelThroughItsOwnApi() throws Exception {
    Optional<String> skip = CLIENT.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
    Path client = CLIENT.installed();
    System.out.println("UpstreamModelIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dirA = root.resolve("a");
    Path dirB = root.resolve("b");
    ModelStore.in(dirB, Clock.systemUTC()).add(TinyLlama.write(root, SEED), "tiny");
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    // B's credential for A: a bearer token (what OpenAI-compatible servers take), kept in a file A reads.
    String tokenForB = IamNodeFixture.token("node-a-upstream", "operator");
    Path keyFile = root.resolve("b.key");
    Files.writeString(keyFile, tokenForB + "\n");
    String alice = IamNodeFixture.token("alice", "operator");
    String viewer = IamNodeFixture.token("victor", "viewer");
    String[] common = {"--runtime", "process", "--model-memory-budget", "64MiB", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b");
      String baseB = "http://127.0.0.1:" + b.awaitReady(WAIT).get("http") + "/v1";
      CliRun added = CliRun.of("models", "add-upstream", "up", "--url", baseB, "--upstream-model", "tiny",
          "--api-key-file", keyFile.toString(), "--data-dir", dirA.toString());
      assertThat(added.exit()).as(added.out()).isZero();
      assertThat(added.out()).contains("added up (openai-upstream, " + baseB + ")");
      CliRun refused = CliRun.of("models", "add-upstream", "bad", "--url", "file:///etc/passwd", "--data-dir",
          dirA.toString());
      assertThat(refused.exit()).isEqualTo(2);
      assertThat(refused.out().strip()).contains("http://").doesNotContain("\n\tat ");

      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      java.util.Map<String, Integer> portsA = a.awaitReady(WAIT);
      String baseA = "http://127.0.0.1:" + portsA.get("http") + "/v1";

      JsonNode viaB = runClient(client, baseB, "tiny", tokenForB);
      JsonNode viaA = runClient(client, baseA, "up", alice);
      assertThat(viaB.get("models")).extracting(JsonNode::asText).containsExactly("tiny");
      assertThat(viaA.get("models")).extracting(JsonNode::asText).containsExactly("up");
      assertThat(viaA.at("/chat/content").asText()).isEqualTo(viaB.at("/chat/content").asText()).isNotEmpty();
      assertThat(viaA.at("/chat/finish").asText()).isEqualTo("length");
      assertThat(viaA.at("/chat/usage")).isEqualTo(viaB.at("/chat/usage"));
      assertThat(viaA.at("/stream/content").asText()).isEqualTo(viaB.at("/stream/content").asText())
          .isEqualTo(viaA.at("/chat/content").asText());
      assertThat(viaA.at("/stream/finish").asText()).isEqualTo("length");
      assertThat(viaA.at("/completion")).isEqualTo(viaB.at("/completion"));
      assertThat(viaA.at("/embeddings")).isEqualTo(viaB.at("/embeddings"));
      assertThat(viaA.get("embeddingFloat")).isEqualTo(viaB.get("embeddingFloat"));
      assertThat(viaA.at("/unknown/status").asInt()).isEqualTo(404);

      // A's IAM applies: a viewer of A may list, not generate, though A's key would be allowed on B.
      HttpResponse<String> denied = post(baseA + "/completions", viewer,
          "{\"model\": \"up\", \"prompt\": \"hello\", \"max_tokens\": 4}");
      assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);

      // Through the running node: a second upstream, down; a clear 503 naming it, and up still serves.
      String endpoint = "127.0.0.1:" + portsA.get("grpc");
      CliRun down = CliRun.of("models", "--endpoint", endpoint, "--api-key", adminA, "add-upstream", "down",
          "--url", "http://127.0.0.1:" + closedPort() + "/v1");
      assertThat(down.exit()).as(down.out()).isZero();
      HttpResponse<String> unavailable = post(baseA + "/completions", alice,
          "{\"model\": \"down\", \"prompt\": \"hello\", \"max_tokens\": 4}");
      assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
      assertThat(unavailable.body()).contains("the upstream of model 'down'").contains("unreachable");
      // Streamed, the same: the headers wait for the first token, so the failure keeps its status and error body.
      HttpResponse<String> unavailableStream = post(baseA + "/completions", alice,
          "{\"model\": \"down\", \"prompt\": \"hello\", \"max_tokens\": 4, \"stream\": true}");
      assertThat(unavailableStream.statusCode()).as(unavailableStream.body()).isEqualTo(503);
      assertThat(unavailableStream.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type)
          .contains("json"));
      assertThat(unavailableStream.body()).contains("the upstream of model 'down'").doesNotContain("data:");
      HttpResponse<String> stillUp = post(baseA + "/completions", alice,
          "{\"model\": \"up\", \"prompt\": \"hello world\", \"max_tokens\": 4, \"temperature\": 0}");
      assertThat(stillUp.statusCode()).as(stillUp.body()).isEqualTo(200);
      assertThat(JSON.readTree(stillUp.body()).at("/choices/0/text").asText())
          .isEqualTo(viaB.at("/completion/text").asText());

      // The key file rotated between two requests: the next one goes with the new key, without an unload.
      String rotated = IamNodeFixture.token("node-a-rotated", "operator");
      Files.writeString(keyFile, rotated + "\n");
      HttpResponse<String> afterRotation = post(baseA + "/completions", alice,
          "{\"model\": \"up\", \"prompt\": \"hello world\", \"max_tokens\": 4, \"temperature\": 0}");
      assertThat(afterRotation.statusCode()).as(afterRotation.body()).isEqualTo(200);
      assertThat(JSON.readTree(afterRotation.body()).at("/choices/0/text").asText())
          .isEqualTo(viaB.at("/completion/text").asText());

      // A asked B's /v1/models for the context length of B's model: A lists it for its upstream model.
      JsonNode modelsB = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(baseB + "/models")).timeout(WAIT)
          .header("authorization", "Bearer " + tokenForB).build(), HttpResponse.BodyHandlers.ofString()).body());
      long contextB = modelsB.at("/data/0/context_length").asLong();
      assertThat(contextB).isPositive();
      Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(http.send(HttpRequest
          .newBuilder(URI.create(baseA + "/models/up")).timeout(WAIT).header("authorization", "Bearer " + alice)
          .build(), HttpResponse.BodyHandlers.ofString()).body()).get("context_length").asLong())
          .isEqualTo(contextB));

      // Served now, so GetHealth lists it like a loaded local model.
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + portsA.get("http") + "/health")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(health.body()).get("models")).extracting(JsonNode::asText).contains("up");

      CliRun ls = CliRun.of("models", "--endpoint", endpoint, "--api-key", adminA, "ls");
      CliRun inspect = CliRun.of("models", "--endpoint", endpoint, "--api-key", adminA, "inspect", "up");
      assertThat(ls.out()).contains("up", "down", "openai-upstream").doesNotContain(tokenForB);
      assertThat(inspect.out()).contains("openai-upstream").doesNotContain(tokenForB)
          .contains("context length:  " + contextB + " (learned from the upstream's /models)");
      // "down" was loaded by its request, but its upstream never answered GET /models.
      CliRun inspectDown = CliRun.of("models", "--endpoint", endpoint, "--api-key", adminA, "inspect", "down");
      assertThat(inspectDown.out()).contains("context length:  unknown (not configured;");
      assertThat(a.output() + b.output()).doesNotContain(tokenForB).doesNotContain(rotated);
      nodes.terminateAll(WAIT);
    }
    // A recorded the work under its own caller (alice); B under A's credential.
    List<String> usageA = usage(dirA);
    assertThat(usageA).contains("chat up alice 8", "completions up alice 4", "completions down alice 0");
    assertThat(usage(dirB)).allMatch(r -> r.contains(" tiny ")).anyMatch(r -> r.contains("node-a-upstream"))
        .anyMatch(r -> r.contains("node-a-rotated"));
  }

  private JsonNode runClient(Path client, String base, String model, String key) throws Exception {
    Path output = root.resolve("client-" + model + ".out");
    ProcessBuilder pb = new ProcessBuilder("node", "client.mjs", base, model).directory(client.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("HANZO_API_KEY", key);
    Process run = pb.start();
    try {
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the client finished").isTrue();
    } finally {
      run.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(run.exitValue()).as(printed).isZero();
    return JSON.readTree(printed.lines().reduce((x, y) -> y).orElse("{}"));
  }

  private HttpResponse<String> post(String url, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).header("content-type",
        "application/json").header("authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The usage records of a stopped node: API, model, subject and completion tokens. */
  private static List<String> usage(Path dataDir) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.usage().page(Instant.EPOCH, Instant.now().plusSeconds(60),
        null, 1000).stream().map(e -> e.value())
        .map(r -> r.api() + " " + r.model() + " " + r.subject() + " " + r.completionTokens()).toList());
  }
}
