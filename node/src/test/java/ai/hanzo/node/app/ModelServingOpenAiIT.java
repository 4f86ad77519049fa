package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.NpmProject;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * text completion, and an unknown model as the SDK's own NotFoundError. Installed as an {@link NpmProject}; skips
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
      assertThat(out.at("/unknown/status").asInt()).isEqualTo(404);
      assertThat(out.at("/unknown/isNotFound").asBoolean()).isTrue();
      assertThat(out.at("/unknown/code").asText()).isEqualTo("model_not_found");
      assertThat(out.at("/unknown/message").asText()).contains("no-such-model");
    }
  }

  /** A temp copy of interop/openai-client with its locked dependencies installed by {@code npm ci}. */
  private static Path installedClient() throws IOException, InterruptedException {
    Optional<String> skip = CLIENT.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
    return CLIENT.installed();
  }
}
