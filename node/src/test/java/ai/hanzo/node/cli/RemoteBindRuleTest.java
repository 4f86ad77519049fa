package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With IAM disabled, a non-loopback listen address is refused unless explicitly allowed. */
class RemoteBindRuleTest {
  @TempDir Path dataDir;

  @Test
  void remoteAddressWithoutIamIsRefusedWithOneLineAndExitCodeTwo() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of(), "run", "--data-dir", dataDir.toString(), "--grpc-addr", "0.0.0.0:0",
        "--http-addr", "127.0.0.1:0");
    assertThat(code).isEqualTo(2);
    assertThat(cli.err().strip()).doesNotContain("\n")
        .contains("refusing to listen on 0.0.0.0:0 with IAM disabled").contains("--insecure-allow-remote");
  }

  @Test
  void loopbackNamesAndAddressesAreAllowedWithoutIam() {
    NodeConfig config = new CliHarness().parseRun(Map.of(), "--grpc-addr", "localhost:0", "--http-addr", "[::1]:0")
        .toConfig();
    assertThat(config.iam().enabled()).isFalse();
  }

  @Test
  void remoteAddressIsAllowedWithIamOrTheExplicitFlag() {
    String secret = "s".repeat(40);
    NodeConfig withIam = new CliHarness().parseRun(Map.of("HANZO_IAM_SECRET", secret), "--iam-enabled",
        "--grpc-addr", "0.0.0.0:0").toConfig();
    assertThat(withIam.api().grpcAddr().host()).isEqualTo("0.0.0.0");
    NodeConfig insecure = new CliHarness().parseRun(Map.of("HANZO_INSECURE_ALLOW_REMOTE", "true"),
        "--http-addr", "0.0.0.0:0").toConfig();
    assertThat(insecure.api().httpAddr().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void explicitFalseKeepsTheRule() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of("HANZO_INSECURE_ALLOW_REMOTE", "false"), "run", "--data-dir", dataDir.toString(),
        "--http-addr", "0.0.0.0:0")).isEqualTo(2);
    assertThat(cli.err()).contains("IAM disabled");
  }
}
