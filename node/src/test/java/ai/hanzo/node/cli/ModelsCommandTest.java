package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hanzo-node models} on a stopped node's data directory, in-process. */
class ModelsCommandTest {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  private Map<String, String> env() {
    return Map.of("HANZO_DATA_DIR", dataDir.toString());
  }

  @Test
  void loadListInspectRemove() throws Exception {
    Path file = TinyLlama.write(elsewhere, SEED);

    CliHarness load = new CliHarness();
    assertThat(load.run(env(), "models", "load", file.toString())).as(load.err()).isZero();
    assertThat(load.out()).contains("loaded tiny-llama-" + SEED + " (llama, F32,");

    CliHarness named = new CliHarness();
    assertThat(named.run(env(), "models", "load", file.toString(), "--name", "tiny")).as(named.err()).isZero();

    CliHarness ls = new CliHarness();
    assertThat(ls.run(env(), "models", "ls")).isZero();
    assertThat(ls.out().lines()).hasSize(3);
    assertThat(ls.out()).contains("tiny ").contains("tiny-llama-" + SEED)
        .contains(String.valueOf(TinyLlama.parameterCount()));

    CliHarness inspect = new CliHarness();
    assertThat(inspect.run(env(), "models", "inspect", "tiny")).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("architecture:    llama").contains("context length:  256")
        .contains("tokenizer:       llama").contains("vocabulary:      " + TinyLlama.vocabulary().size())
        .contains("sha256:");

    CliHarness rm = new CliHarness();
    assertThat(rm.run(env(), "models", "rm", "tiny")).isZero();
    CliHarness after = new CliHarness();
    assertThat(after.run(env(), "models", "ls")).isZero();
    assertThat(after.out()).doesNotContain("tiny ").contains("tiny-llama-" + SEED);
  }

  @Test
  void inspectingAFileReadsItsHeaderWithoutTheStore() throws Exception {
    Path file = TinyLlama.write(elsewhere, SEED);

    CliHarness inspect = new CliHarness();
    assertThat(inspect.run(env(), "models", "inspect", file.toString())).as(inspect.err()).isZero();

    assertThat(inspect.out()).contains("parameters:      " + TinyLlama.parameterCount()).doesNotContain("sha256:");
    assertThat(dataDir.resolve("models")).doesNotExist();
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    Path text = Files.writeString(elsewhere.resolve("x.gguf"), "hello");

    CliHarness notGguf = new CliHarness();
    assertThat(notGguf.run(env(), "models", "load", text.toString())).isEqualTo(2);
    assertThat(notGguf.err()).contains("not a GGUF model").hasLineCount(1);

    CliHarness badName = new CliHarness();
    assertThat(badName.run(env(), "models", "load", text.toString(), "--name", "../up")).isEqualTo(2);
    assertThat(badName.err()).contains("not a model name");

    CliHarness missing = new CliHarness();
    assertThat(missing.run(env(), "models", "rm", "nothing")).isEqualTo(2);
    assertThat(missing.err()).contains("'nothing' not found");
  }
}
