package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --http-allowed-hosts}: flag (comma-separated or repeated), environment, config file; normalized. */
class HttpAllowedHostsOptionTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void noneByDefault() {
    assertThat(cli.parseRun(Map.of()).toConfig().api().httpAllowedHosts()).isEmpty();
  }

  @Test
  void flagEnvironmentAndFileAreReadAndNormalized(@TempDir Path dir) throws Exception {
    assertThat(cli.parseRun(Map.of(), "--http-allowed-hosts", "Node1.Example.com,10.0.0.5",
        "--http-allowed-hosts", "[::1]").toConfig().api().httpAllowedHosts())
        .containsExactly("node1.example.com", "10.0.0.5", "::1");
    assertThat(cli.parseRun(Map.of("HANZO_HTTP_ALLOWED_HOSTS", "a.example, b.example.")).toConfig().api()
        .httpAllowedHosts()).containsExactly("a.example", "b.example");
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "http-allowed-hosts:\n  - c.example\n");
    assertThat(cli.parseRun(Map.of(), "--config", file.toString()).toConfig().api().httpAllowedHosts())
        .containsExactly("c.example");
  }

  @Test
  void aHostWithAPortOrSchemeIsRefusedNamingTheFlag() {
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--http-allowed-hosts", "node.example:8080").toConfig())
        .isInstanceOf(ConfigException.class).hasMessageContaining("--http-allowed-hosts")
        .hasMessageContaining("node.example:8080");
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--http-allowed-hosts", "http://node.example").toConfig())
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void theHelpListsIt() {
    assertThat(cli.run(Map.of(), "run", "--help")).isZero();
    assertThat(cli.out()).contains("--http-allowed-hosts").contains("HANZO_HTTP_ALLOWED_HOSTS");
  }
}
