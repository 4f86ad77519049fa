package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.image.Digest;
import ai.hanzo.node.runtime.image.LoopbackRegistry;
import ai.hanzo.node.runtime.image.TestArchives;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hanzo-node models pull} of a generated GGUF model pushed as an OCI artifact (Docker Model Runner's media
 * types) to a loopback registry: offline on a stopped node's data directory, then through the running node's API,
 * which serves the pulled model at once; and the refusals of what is not a model artifact, of a layer that is not
 * GGUF, and of content that does not match its digest, after which the node still serves.
 */
class ModelsPullIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0xA27EL);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CONFIG = "application/vnd.docker.ai.model.config.v0.1+json";
  private static final String GGUF = "application/vnd.docker.ai.gguf.v3";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path tmp;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteTree() {
    ContainerDirectories.deleteTree(tmp);
  }

  @Test
  void aModelArtifactIsPulledOfflineAndThroughTheRunningNodeWhichServesIt() throws Exception {
    System.out.println("ModelsPullIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    byte[] model = Files.readAllBytes(TinyLlama.write(tmp, SEED));
    byte[] config = "{\"config\":{\"format\":\"gguf\"}}".getBytes(StandardCharsets.UTF_8);
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      String tiny = registry.pushArtifact("ai/tiny", "1", CONFIG, config, GGUF, model);
      Path dataDir = tmp.resolve("data");

      CliHarness offline = new CliHarness();
      assertThat(offline.run(Map.of("HANZO_DATA_DIR", dataDir.toString()), "models", "pull", "--insecure-registry",
          registry.address(), "--name", "offline-tiny", tiny)).as(offline.err()).isZero();
      assertThat(offline.out()).contains("pulled offline-tiny from " + tiny).contains("llama");

      try (NodeProcess node = NodeProcess.start(dataDir, "--insecure-registry", registry.address(),
          "--model-memory-budget", "64MiB")) {
        Map<String, Integer> ports = node.awaitReady(WAIT);
        Map<String, String> env = Map.of("HANZO_DATA_DIR", dataDir.toString(), "HANZO_ENDPOINT",
            "127.0.0.1:" + ports.get("grpc"));
        String base = "http://127.0.0.1:" + ports.get("http");

        CliHarness pull = new CliHarness();
        assertThat(pull.run(env, "models", "pull", tiny)).as(pull.err()).isZero();
        assertThat(pull.out()).contains("pulled tiny from " + tiny);

        CliHarness inspect = new CliHarness();
        assertThat(inspect.run(env, "models", "inspect", "tiny")).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("llama").contains(Digest.of(model).hex());
        CliHarness ls = new CliHarness();
        assertThat(ls.run(env, "models", "ls")).as(ls.err()).isZero();
        assertThat(ls.out()).contains("tiny").contains("offline-tiny");

        // both pulls serve at once, and the same weights give the same greedy text
        HttpResponse<String> pulled = generate(base, "tiny");
        HttpResponse<String> pulledOffline = generate(base, "offline-tiny");
        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(pulled.body()).contains("\"completion_tokens\":4");
        assertThat(pulledOffline.body().replace("offline-tiny", "tiny").replaceAll("\"id\":\"[^\"]+\"", ""))
            .isEqualTo(pulled.body().replaceAll("\"id\":\"[^\"]+\"", ""));

        CliHarness again = new CliHarness();
        assertThat(again.run(env, "models", "pull", tiny)).isEqualTo(1);
        assertThat(again.err()).contains("model 'tiny' already exists");

        String image = registry.push(TestArchives.greeterDockerArchive(tmp, "greeter:1"), "greeter:1");
        CliHarness notAModel = new CliHarness();
        assertThat(notAModel.run(env, "models", "pull", image)).isEqualTo(1);
        assertThat(notAModel.err()).contains("is not a model artifact").contains("0 GGUF layers");

        byte[] junk = new byte[4096];
        new Random(SEED).nextBytes(junk);
        String notGguf = registry.pushArtifact("ai/junk", "1", CONFIG, config, GGUF, junk);
        CliHarness junkPull = new CliHarness();
        assertThat(junkPull.run(env, "models", "pull", notGguf)).isEqualTo(1);
        assertThat(junkPull.err()).contains("is not a GGUF model").doesNotContain(".pull");

        // the registry serves other bytes than the digest its manifest names: refused, nothing stored
        byte[] other = Files.readAllBytes(TinyLlama.write(tmp, SEED + 1));
        String tampered = registry.pushArtifact("ai/tampered", "1", CONFIG, config, GGUF, other);
        Path served = registry.blobFile(Digest.of(other));
        byte[] flipped = Files.readAllBytes(served);
        flipped[flipped.length - 1] ^= 1;
        Files.write(served, flipped);
        CliHarness tamperedPull = new CliHarness();
        assertThat(tamperedPull.run(env, "models", "pull", tampered)).isEqualTo(1);
        assertThat(tamperedPull.err()).contains("was expected").contains(Digest.of(other).toString());

        CliHarness after = new CliHarness();
        assertThat(after.run(env, "models", "ls")).isZero();
        assertThat(after.out()).doesNotContain("junk").doesNotContain("tampered");
        assertThat(generate(base, "tiny").statusCode()).isEqualTo(200);

        CliHarness rm = new CliHarness();
        assertThat(rm.run(env, "models", "rm", "tiny")).as(rm.err()).isZero();
        HttpResponse<String> gone = generate(base, "tiny");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("tiny");
        CliHarness missing = new CliHarness();
        assertThat(missing.run(env, "models", "rm", "tiny")).isEqualTo(1);
        assertThat(missing.err()).contains("model 'tiny' not found");
        // models load through the running node of this machine: the node reads the file; its header is checked
        // before any copy, so a file that is not GGUF is refused as bad input and nothing is stored.
        Path local = TinyLlama.write(tmp, SEED + 2);
        CliHarness load = new CliHarness();
        assertThat(load.run(Map.of("HANZO_DATA_DIR", dataDir.toString()), "models", "load", local.toString(),
            "--name", "local-tiny")).as(load.err()).isZero();
        assertThat(load.out()).contains("local-tiny");
        assertThat(generate(base, "local-tiny").statusCode()).isEqualTo(200);
        Path text = Files.writeString(tmp.resolve("notes.gguf"), "not a model at all");
        CliHarness notModel = new CliHarness();
        assertThat(notModel.run(env, "models", "load", text.toString())).isEqualTo(2);
        assertThat(notModel.err()).contains("is not a GGUF model").doesNotContain("\n\tat ");
        CliHarness missingFile = new CliHarness();
        assertThat(missingFile.run(env, "models", "load", tmp.resolve("absent.gguf").toString())).isEqualTo(2);
        assertThat(missingFile.err()).contains("is not a file the node can read");
        CliHarness listed = new CliHarness();
        assertThat(listed.run(env, "models", "ls")).isZero();
        assertThat(listed.out()).contains("local-tiny").doesNotContain("notes");

        assertThat(node.terminate(WAIT)).as(node.output()).isZero();
      }
    }
  }

  private static HttpResponse<String> generate(String base, String model) throws Exception {
    String body = "{\"model\": \"" + model + "\", \"prompt\": \"hello world\", \"max_tokens\": 4, \"temperature\": 0}";
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/inference"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
