package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.NodeProcess;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm SDK (7.55.0, pinned by {@code interop/openai-client/package-lock.json}) as an
 * unchanged client of a node process serving a tiny llama model: listing, a chat completion whole and streamed, a
 * text completion, embeddings (which the SDK asks for as base64 and decodes itself) equal to the node's own
 * {@code /v1/embed} vectors, and an unknown model as the SDK's own NotFoundError. Installed as an {@link NpmProject}; skips
 * without Node.js and npm (fails on CI).
 */
class ModelServingOpenAiIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final NpmProject CLIENT = NpmProject.nearest("interop/openai-client", "package-lock.json",
      "the OpenAI SDK test");

  @TempDir Path root;

  @Test
  void theOpenAiSdkTalksToTheNodeUnchanged() throws Exception {
    Path client = installedClient();
    System.out.println("ModelServingOpenAiIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dataDir = root.resolve("data");
    ModelStore.in(dataDir, Clock.systemUTC()).add(TinyLlama.write(root, SEED), "tiny");
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      String base = "http://127.0.0.1:" + node.awaitReady(Duration.ofSeconds(90)).get("http") + "/v1";
      Path output = root.resolve("client.out");
      Process run = new ProcessBuilder("node", "client.mjs", base, "tiny").directory(client.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the client finished").isTrue();
      } finally {
        run.destroyForcibly();
      }
      String printed = Files.readString(output);
      assertThat(run.exitValue()).as(printed).isZero();
      JsonNode out = new ObjectMapper().readTree(printed.lines().reduce((a, b) -> b).orElse("{}"));

      assertThat(out.get("models")).extracting(JsonNode::asText).containsExactly("tiny");
      assertThat(out.at("/chat/content").asText()).isNotEmpty();
      assertThat(out.at("/chat/finish").asText()).isEqualTo("length");
      assertThat(out.at("/chat/usage/completion_tokens").asInt()).isEqualTo(8);
      assertThat(out.at("/stream/content").asText()).isEqualTo(out.at("/chat/content").asText());
      assertThat(out.at("/stream/finish").asText()).isEqualTo("length");
      assertThat(out.at("/completion/finish").asText()).isEqualTo("length");
      JsonNode ours = embed(base, "[\"hello world\", \"the node runs fast\"]");
      assertThat(out.at("/embeddings/object").asText()).isEqualTo("list");
      assertThat(out.at("/embeddings/usage/prompt_tokens").asInt()).isEqualTo(ours.at("/usage/prompt_tokens").asInt())
          .isPositive();
      for (int i = 0; i < 2; i++) {
        assertThat(floats(out.at("/embeddings/vectors/" + i))).as("input %d through the SDK", i)
            .containsExactly(floats(ours.at("/data/" + i + "/embedding")));
      }
      assertThat(floats(out.get("embeddingFloat"))).containsExactly(floats(ours.at("/data/0/embedding")));
      assertThat(out.at("/unknown/status").asInt()).isEqualTo(404);
      assertThat(out.at("/unknown/isNotFound").asBoolean()).isTrue();
      assertThat(out.at("/unknown/code").asText()).isEqualTo("model_not_found");
      assertThat(out.at("/unknown/message").asText()).contains("no-such-model");
    }
  }

  /** The node's own answer of {@code /v1/embed}: the vectors the SDK must see. */
  private static JsonNode embed(String base, String inputs) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
        + "/embed")).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        "{\"model\": \"tiny\", \"input\": " + inputs + "}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  /** A JSON list of numbers as the float32 values they spell. */
  private static float[] floats(JsonNode list) {
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) list.get(i).asDouble();
    }
    assertThat(values).isNotEmpty();
    return values;
  }

  /** A temp copy of interop/openai-client with its locked dependencies installed by {@code npm ci}. */
  private static Path installedClient() throws IOException, InterruptedException {
    Optional<String> skip = CLIENT.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
    return CLIENT.installed();
  }
}
