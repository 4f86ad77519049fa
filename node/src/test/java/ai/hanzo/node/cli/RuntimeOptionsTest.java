package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.RuntimeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {
  @Test
  void defaultIsAutoWithTheDefaultDockerSocket() {
    assertThat(new CliHarness().parseRun(Map.of()).toConfig().runtime()).isEqualTo(RuntimeConfig.DEFAULTS);
  }

  @Test
  void theEnvironmentIsRead() {
    RuntimeConfig c = new CliHarness().parseRun(Map.of("HANZO_RUNTIME", "runc",
        "DOCKER_HOST", "unix:///run/podman/podman.sock")).toConfig().runtime();
    assertThat(c).isEqualTo(new RuntimeConfig("runc", "unix:///run/podman/podman.sock"));
  }

  @Test
  void flagsOverrideTheEnvironment() {
    RuntimeConfig c = new CliHarness().parseRun(Map.of("HANZO_RUNTIME", "runc"), "--runtime", "PROCESS",
        "--docker-host", "tcp://127.0.0.1:2375").toConfig().runtime();
    assertThat(c).isEqualTo(new RuntimeConfig("process", "tcp://127.0.0.1:2375"));
  }

  @Test
  void anUnknownRuntimeIsExitCodeTwoAndSaysWhatIsAllowed() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--runtime", "kubernetes")).isEqualTo(2);
    assertThat(cli.err()).contains("--runtime").contains("'kubernetes'").contains("auto, docker, runc or process");
  }

  @Test
  void insecureRegistriesAndTheAuthFileRoundTrip() {
    RuntimeConfig fromEnv = new CliHarness().parseRun(Map.of("HANZO_INSECURE_REGISTRIES", "127.0.0.1:5000, reg.local",
        "HANZO_REGISTRY_AUTH_FILE", "/etc/hanzo/auth.json")).toConfig().runtime();
    assertThat(fromEnv.insecureRegistries()).containsExactly("127.0.0.1:5000", "reg.local");
    assertThat(fromEnv.registryAuthFile()).isEqualTo("/etc/hanzo/auth.json");

    RuntimeConfig fromFlags = new CliHarness().parseRun(Map.of("HANZO_INSECURE_REGISTRIES", "ignored:1"),
        "--insecure-registry", "a.local:5000", "--insecure-registry", "b.local").toConfig().runtime();
    assertThat(fromFlags.insecureRegistries()).containsExactly("a.local:5000", "b.local");
    assertThat(RuntimeConfig.DEFAULTS.insecureRegistries()).isEmpty();
  }

  @Test
  void aMalformedInsecureRegistryIsExitCodeTwo() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--insecure-registry", "http://x/")).isEqualTo(2);
    assertThat(cli.err()).contains("--insecure-registry").contains("registry host");
  }

  @Test
  void theDefaultPidsLimitIs1024AndCanBeChangedOrTurnedOff() {
    assertThat(new CliHarness().parseRun(Map.of()).toConfig().runtime().defaultPidsLimit()).isEqualTo(1024);
    assertThat(new CliHarness().parseRun(Map.of("HANZO_DEFAULT_PIDS_LIMIT", "0")).toConfig().runtime()
        .defaultPidsLimit()).isZero();
    assertThat(new CliHarness().parseRun(Map.of("HANZO_DEFAULT_PIDS_LIMIT", "0"), "--default-pids-limit", "77")
        .toConfig().runtime().defaultPidsLimit()).isEqualTo(77);
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--default-pids-limit", "-3")).isEqualTo(2);
    assertThat(cli.err()).contains("--default-pids-limit");
  }

  @Test
  void theProcessBudgetIsDerivedByDefaultAndCanBeSet() {
    assertThat(new CliHarness().parseRun(Map.of()).toConfig().runtime().maxProcesses())
        .isEqualTo(RuntimeConfig.AUTO_MAX_PROCESSES);
    assertThat(new CliHarness().parseRun(Map.of("HANZO_MAX_PROCESSES", "5000")).toConfig().runtime()
        .maxProcesses()).isEqualTo(5000);
    assertThat(new CliHarness().parseRun(Map.of("HANZO_MAX_PROCESSES", "5000"), "--max-processes", "auto")
        .toConfig().runtime().maxProcesses()).isEqualTo(RuntimeConfig.AUTO_MAX_PROCESSES);
    for (String bad : new String[] {"0", "-1", "lots", "41943040001"}) {
      CliHarness cli = new CliHarness();
      assertThat(cli.run(Map.of(), "run", "--max-processes", bad)).as(bad).isEqualTo(2);
      assertThat(cli.err()).contains("--max-processes").contains("auto or a whole number of processes");
    }
  }

  @Test
  void theSampleIntervalIsTenSecondsByDefaultAndBounded() {
    assertThat(new CliHarness().parseRun(Map.of()).toConfig().runtime().sampleInterval())
        .isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(new CliHarness().parseRun(Map.of("HANZO_SAMPLE_INTERVAL", "30s")).toConfig().runtime()
        .sampleInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    for (String bad : new String[] {"0s", "500ms", "2h", "often"}) {
      CliHarness cli = new CliHarness();
      assertThat(cli.run(Map.of(), "run", "--sample-interval", bad)).as(bad).isEqualTo(2);
      assertThat(cli.err()).contains("--sample-interval");
    }
  }

  @Test
  void theHelpShowsTheProcessBudget() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--help")).isZero();
    assertThat(cli.out()).contains("--max-processes").contains("HANZO_MAX_PROCESSES");
  }
}
