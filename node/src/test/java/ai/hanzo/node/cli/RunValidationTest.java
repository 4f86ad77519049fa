package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid value: exit code 2 and one line naming the flag or variable, the value and what is expected. */
class RunValidationTest {
  static Stream<Arguments> badFlags() {
    return Stream.of(
        Arguments.of("--grpc-addr", "localhost", "host:port"),
        Arguments.of("--grpc-addr", "127.0.0.1:70000", "port out of range"),
        Arguments.of("--http-addr", "::1:80", "brackets"),
        Arguments.of("--http-addr", "127.0.0.1:http", "port is not a number"),
        Arguments.of("--p2p-addr", "0.0.0.0:9000", "TCP multiaddr"),
        Arguments.of("--p2p-addr", "/ip4/0.0.0.0/tcp/99999", "port out of range"),
        Arguments.of("--bootstrap", "/ip4/1.2.3.4/udp/9000", "TCP multiaddr"),
        Arguments.of("--node-id", "bad id!", "letters, digits"),
        Arguments.of("--network-id", "mainnet", "numeric network id"),
        Arguments.of("--log-level", "loud", "trace, debug, info, warn, error"),
        Arguments.of("--log-format", "xml", "text or json"),
        Arguments.of("--metrics-retention", "forever", "duration"),
        Arguments.of("--metrics-retention", "0s", "greater than zero"),
        Arguments.of("--shutdown-grace", "10", "duration"),
        Arguments.of("--mlx", "maybe", "true or false"),
        Arguments.of("--mdns", "sometimes", "true, false or auto"),
        Arguments.of("--mdns-interfaces", "eth 0", "interface names"),
        Arguments.of("--max-peers", "0", "from 1 to 10000"),
        Arguments.of("--lease-timeout", "soon", "positive duration"),
        Arguments.of("--pool", "gpu", "is not NAME=KEY=VALUE"),
        Arguments.of("--pool", "gpu=region", "selector term 'region' is not KEY=VALUE"),
        Arguments.of("--pool", "_x=region=eu", "pool name '_x'"),
        Arguments.of("--pool", "eu=region=e u", "keys and values must be"),
        Arguments.of("--pool", "eu=region=eu+region=us", "key 'region' given twice"),
        Arguments.of("--pool", "big=gpu_memory=lots", "gpu_memory 'lots' is not a size"),
        Arguments.of("--data-dir", " ", "directory path"));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void badFlagValueIsOneReadableLineAndExitCodeTwo(String flag, String value, String expected) {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of(), "run", flag, value);
    assertThat(code).isEqualTo(2);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.err()).contains(flag).contains("'" + value + "'").contains(expected);
  }

  @Test
  void aLeaseTimeoutNotLongerThanTheHeartbeatIntervalIsRefused() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of(), "run", "--lease-timeout", "5s", "--heartbeat-interval", "5s");
    assertThat(code).isEqualTo(2);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.err()).contains("--lease-timeout (5 s) must be longer than --heartbeat-interval (5 s)");
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of("HANZO_GRPC_ADDR", "nope"), "run");
    assertThat(code).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo("hanzo-node run: invalid value 'nope' for HANZO_GRPC_ADDR: expected "
        + "host:port with a port from 0 to 65535 (e.g. 127.0.0.1:50051) (missing ':port')");
  }

  @Test
  void badFileValueNamesTheKeyAndTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "log-level: chatty\n");
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("'log-level' in " + file).contains("'chatty'");
  }

  @Test
  void unknownFileKeyIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "grpc_port: 1\n");
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("unknown key 'grpc_port'");
  }

  @Test
  void fileThatIsNotYamlIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "grpc-addr: [unclosed\n");
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("is not valid YAML");
  }

  @Test
  void missingConfigFileIsRefused(@TempDir Path dir) {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("does not exist");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--bogus")).isEqualTo(2);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.err()).contains("Unknown option: '--bogus'");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(cli.err()).contains("frobnicate");
  }
}
