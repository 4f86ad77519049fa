package ai.hanzo.node.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.MutableClock;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  private ModelStore store() {
    return ModelStore.in(dataDir, new MutableClock());
  }

  @Test
  void anAddedModelIsListedWithItsHeaderAndDigestAndSurvivesReopening() throws Exception {
    Path source = TinyLlama.write(elsewhere, SEED);

    ModelRecord added = store().add(source, "tiny");

    assertThat(store().list()).containsExactly(added);
    assertThat(added.info().architecture()).isEqualTo("llama");
    assertThat(added.info().parameterCount()).isEqualTo(TinyLlama.parameterCount());
    assertThat(added.size()).isEqualTo(Files.size(source));
    assertThat(added.sha256()).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(source))));
    Path stored = store().file(added);
    assertThat(stored).startsWith(dataDir.resolve("models"));
    assertThat(Files.readAllBytes(stored)).isEqualTo(Files.readAllBytes(source));
  }

  @Test
  void aSecondModelOfTheSameNameIsRefused() throws IOException {
    Path source = TinyLlama.write(elsewhere, SEED);
    store().add(source, "tiny");

    assertThatThrownBy(() -> store().add(source, "tiny")).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
  }

  @Test
  void aFileThatIsNotGgufIsRefusedAndLeavesNothingBehind() throws IOException {
    Path text = Files.writeString(elsewhere.resolve("notes.gguf"), "not a model");

    assertThatThrownBy(() -> store().add(text, "notes")).isInstanceOf(NodeException.class)
        .hasMessageContaining("not a GGUF model");
    assertThat(store().list()).isEmpty();
    try (var left = Files.list(dataDir.resolve("models"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void removingDeletesRecordAndFile() throws IOException {
    ModelRecord added = store().add(TinyLlama.write(elsewhere, SEED), "tiny");

    store().remove("tiny");

    assertThat(store().list()).isEmpty();
    assertThat(store().file(added)).doesNotExist();
    assertThatThrownBy(() -> store().remove("tiny")).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void namesAreCheckedSoNoneIsAPath() {
    for (String bad : new String[] {"", "..", "../x", "a/b", "Tiny", ".hidden", "-x", "a".repeat(64), "a b"}) {
      assertThatThrownBy(() -> ModelStore.validName(bad)).as(bad).isInstanceOf(NodeException.class)
          .hasMessageContaining("not a model name");
    }
    assertThat(ModelStore.validName("llama-3.2-1b_q4")).isEqualTo("llama-3.2-1b_q4");
    assertThat(ModelStore.validName("a".repeat(63))).hasSize(63);
  }

  @Test
  void theDefaultNameIsTheFileNameWithoutGguf() {
    assertThat(ModelStore.nameFrom(Path.of("/m/Llama-3.2-1B-Instruct-Q4_K_M.gguf")))
        .isEqualTo("llama-3.2-1b-instruct-q4_k_m");
    assertThat(ModelStore.nameFrom(Path.of("_x y.GGUF"))).isEqualTo("xy");
    assertThat(ModelStore.nameFrom(Path.of("b".repeat(100) + ".gguf"))).hasSize(63);
    assertThatThrownBy(() -> ModelStore.nameFrom(Path.of("%%%.gguf"))).isInstanceOf(NodeException.class)
        .hasMessageContaining("--name");
  }

  @Test
  void anUpstreamModelIsARecordAloneAndSurvivesAReopen() throws Exception {
    UpstreamTarget target = new UpstreamTarget("http://10.0.0.5:8000/v1/", "qwen", "/etc/hanzo/key", "");
    ModelRecord added = store().addUpstream("up", target);
    assertThat(added.kind()).isEqualTo(ModelRecord.UPSTREAM_KIND);
    assertThat(added.info().architecture()).isEqualTo("openai-upstream");
    ModelRecord found = store().find("up").orElseThrow();
    assertThat(found).isEqualTo(added);
    assertThat(found.upstream().base()).isEqualTo("http://10.0.0.5:8000/v1");
    assertThatThrownBy(() -> store().addUpstream("up", target)).isInstanceOf(NodeException.class)
        .hasMessageContaining("already exists");
    store().remove("up");
    assertThat(store().list()).isEmpty();
    assertThat(dataDir.resolve("models")).isDirectory();
  }

  @Test
  void anUpstreamsTuningSurvivesAReopenAndOldRecordsReadAsTheDefaults() throws Exception {
    UpstreamTarget tuned = new UpstreamTarget("http://10.0.0.5:8000/v1", "qwen", "", "VLLM_KEY",
        new UpstreamTuning(16, 2_000, 30_000, 15_000, 32_768));
    ModelRecord added = store().addUpstream("tuned", tuned);
    assertThat(store().find("tuned").orElseThrow()).isEqualTo(added);
    assertThat(added.info().contextLength()).as("listings show the configured context").isEqualTo(32_768);

    // A record written before tuning existed: no "tuning" field.
    String old = "{\"name\":\"old\",\"file\":\"\",\"size\":0,\"sha256\":\"\",\"info\":{\"name\":\"qwen\","
        + "\"architecture\":\"openai-upstream\",\"parameterCount\":0,\"contextLength\":0,\"quantization\":\"\","
        + "\"tokenizer\":\"\",\"vocabularySize\":0,\"embeddingLength\":0,\"blockCount\":0,\"headCount\":0,"
        + "\"headCountKv\":0,\"tensorCount\":0,\"fileSize\":0},\"addedAt\":\"2026-12-01T00:00:00Z\","
        + "\"upstream\":{\"url\":\"http://10.0.0.5:8000/v1\",\"model\":\"qwen\",\"apiKeyFile\":\"\","
        + "\"apiKeyEnv\":\"\"}}";
    java.nio.file.Files.writeString(dataDir.resolve("models").resolve("old.json"), old);
    assertThat(store().find("old").orElseThrow().upstream().tuning()).isEqualTo(UpstreamTuning.DEFAULTS);
  }
}
