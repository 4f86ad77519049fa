package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ModelServingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {
  @Test
  void theDefaultsAreAnAutomaticBudgetAndSixteenWaitingRequests() {
    ModelServingConfig c = new CliHarness().parseRun(Map.of()).toConfig().models();

    assertThat(c.autoBudget()).isTrue();
    assertThat(c.queueDepth()).isEqualTo(16);
  }

  @Test
  void sizesCountInPowersOf1024AndFlagsWinOverTheEnvironment() {
    ModelServingConfig c = new CliHarness().parseRun(Map.of("HANZO_MODEL_MEMORY_BUDGET", "1GiB",
        "HANZO_MODEL_QUEUE_DEPTH", "3"), "--model-memory-budget", "512MiB").toConfig().models();

    assertThat(c.memoryBudgetBytes()).isEqualTo(512L << 20);
    assertThat(c.queueDepth()).isEqualTo(3);
    assertThat(new CliHarness().parseRun(Map.of("HANZO_MODEL_MEMORY_BUDGET", "8g")).toConfig().models()
        .memoryBudgetBytes()).isEqualTo(8L << 30);
    assertThat(new CliHarness().parseRun(Map.of(), "--model-memory-budget", "2097152").toConfig().models()
        .memoryBudgetBytes()).isEqualTo(2L << 20);
    assertThat(new CliHarness().parseRun(Map.of(), "--model-queue-depth", "0").toConfig().models().queueDepth())
        .isZero();
  }

  @Test
  void eachBadValueIsOneErrorNamingItsSetting() {
    for (String bad : new String[] {"-1", "lots", "12XB", "1KiB", "99999999999999TiB", ""}) {
      assertBad(Map.of(), "--model-memory-budget", bad, "--model-memory-budget");
    }
    assertBad(Map.of("HANZO_MODEL_MEMORY_BUDGET", "0.5GiB"), "HANZO_MODEL_MEMORY_BUDGET");
    assertBad(Map.of(), "--model-queue-depth", "-1", "--model-queue-depth");
    assertBad(Map.of(), "--model-queue-depth", "10001", "--model-queue-depth");
    assertBad(Map.of("HANZO_MODEL_QUEUE_DEPTH", "many"), "HANZO_MODEL_QUEUE_DEPTH");
  }

  @Test
  void sequencesDecodedAtOnceAreAutoByDefaultOneToSixtyFourOtherwise() {
    ModelServingConfig defaults = new CliHarness().parseRun(Map.of()).toConfig().models();
    assertThat(defaults.parallel()).isZero();
    assertThat(defaults.parallelFor(2)).isEqualTo(2);
    assertThat(defaults.parallelFor(1)).isEqualTo(1);
    assertThat(defaults.parallelFor(32)).isEqualTo(4);

    assertThat(new CliHarness().parseRun(Map.of("HANZO_MODEL_PARALLEL", "3"), "--model-parallel", "8").toConfig()
        .models().parallelFor(2)).isEqualTo(8);
    assertThat(new CliHarness().parseRun(Map.of("HANZO_MODEL_PARALLEL", "1")).toConfig().models().parallelFor(16))
        .isEqualTo(1);
    assertThat(new CliHarness().parseRun(Map.of(), "--model-parallel", "AUTO").toConfig().models().parallel())
        .isZero();
    for (String bad : new String[] {"0", "-1", "65", "many", ""}) {
      assertBad(Map.of(), "--model-parallel", bad, "--model-parallel");
    }
    assertBad(Map.of("HANZO_MODEL_PARALLEL", "two"), "HANZO_MODEL_PARALLEL");
  }

  @Test
  void uploadsTakeModelsUpTo256GiBAndWaitAMinuteForTheirNextBytesUnlessToldOtherwise() {
    ModelServingConfig defaults = new CliHarness().parseRun(Map.of()).toConfig().models();
    assertThat(defaults.maxModelBytes()).isEqualTo(256L << 30);
    assertThat(defaults.uploadIdleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));

    ModelServingConfig c = new CliHarness().parseRun(Map.of("HANZO_MAX_MODEL_SIZE", "8GiB",
        "HANZO_MODEL_UPLOAD_IDLE_TIMEOUT", "5s"), "--max-model-size", "16GiB").toConfig().models();
    assertThat(c.maxModelBytes()).isEqualTo(16L << 30);
    assertThat(c.uploadIdleTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertBad(Map.of(), "--max-model-size", "auto", "--max-model-size");
    assertBad(Map.of(), "--max-model-size", "1KiB", "--max-model-size");
    assertBad(Map.of(), "--model-upload-idle-timeout", "0s", "--model-upload-idle-timeout");
    assertBad(Map.of("HANZO_MODEL_UPLOAD_IDLE_TIMEOUT", "soon"), "HANZO_MODEL_UPLOAD_IDLE_TIMEOUT");
  }

  private static void assertBad(Map<String, String> env, String... argsAndName) {
    String[] args = java.util.Arrays.copyOf(argsAndName, argsAndName.length - 1);
    String name = argsAndName[argsAndName.length - 1];
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new CliHarness().parseRun(env, args).toConfig());
    assertThat(e).as(String.join(" ", args)).isNotNull();
    assertThat(e.getMessage()).contains(name);
    assertThat(e.getMessage().lines()).hasSize(1);
  }
}
