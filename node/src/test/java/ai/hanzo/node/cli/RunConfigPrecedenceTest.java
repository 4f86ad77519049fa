package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigPrecedenceTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void defaultsMatchTheDocumentedOnes() {
    NodeConfig c = cli.parseRun(Map.of()).toConfig();
    assertThat(c.nodeId()).isNull();
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.networkId()).isEqualTo("1337");
    assertThat(c.operator()).isEmpty();
    assertThat(c.mlx()).isFalse();
    assertThat(c.api().grpcAddr()).isEqualTo(new HostPort("127.0.0.1", 50051));
    assertThat(c.api().httpAddr()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(c.api().shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.p2p().listenAddr()).isEqualTo("/ip4/0.0.0.0/tcp/9000");
    assertThat(c.p2p().bootstrap()).isEmpty();
    assertThat(c.p2p().mdns()).as("on for the local network 1337").isTrue();
    assertThat(c.p2p().mdnsInterfaces()).isEmpty();
    assertThat(c.p2p().maxPeers()).isEqualTo(200);
    assertThat(c.storage().metricsRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(c.logging().level()).isEqualTo(LogLevel.INFO);
    assertThat(c.logging().format()).isEqualTo(LogFormat.TEXT);
    assertThat(c.logging().banner()).isTrue();
  }

  @Test
  void everyFlagIsRead() {
    NodeConfig c = cli.parseRun(Map.of(), "--node-id", "n-1", "--data-dir", "/tmp/x", "--network-id", "43113",
        "--operator", "0xabc", "--mlx", "--grpc-addr", "0.0.0.0:1", "--http-addr", "[::1]:2",
        "--insecure-allow-remote",
        "--shutdown-grace", "3s", "--p2p-addr", "/ip6/::/tcp/4001", "--bootstrap",
        "/ip4/10.0.0.1/tcp/9000/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB", "--bootstrap",
        "/dns4/boot.example/tcp/9000", "--metrics-retention", "7d", "--log-level", "debug", "--log-format", "json",
        "--no-banner").toConfig();
    assertThat(c.nodeId()).isEqualTo("n-1");
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.networkId()).isEqualTo("43113");
    assertThat(c.operator()).isEqualTo("0xabc");
    assertThat(c.mlx()).isTrue();
    assertThat(c.api().grpcAddr()).isEqualTo(new HostPort("0.0.0.0", 1));
    assertThat(c.api().httpAddr()).isEqualTo(new HostPort("::1", 2));
    assertThat(c.api().shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.p2p().listenAddr()).isEqualTo("/ip6/::/tcp/4001");
    assertThat(c.p2p().bootstrap()).hasSize(2);
    assertThat(c.storage().metricsRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.logging().level()).isEqualTo(LogLevel.DEBUG);
    assertThat(c.logging().format()).isEqualTo(LogFormat.JSON);
    assertThat(c.logging().banner()).isFalse();
  }

  @Test
  void environmentOverridesFileAndFlagOverridesEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, String.join("\n",
        "grpc-addr: 127.0.0.1:1111",
        "http-addr: 127.0.0.1:2222",
        "network-id: 43114",
        "bootstrap:",
        "  - /ip4/10.0.0.1/tcp/9000",
        "  - /ip4/10.0.0.2/tcp/9000",
        ""));
    Map<String, String> env = Map.of("HANZO_HTTP_ADDR", "127.0.0.1:3333", "HANZO_NETWORK_ID", "43113");

    NodeConfig c = cli.parseRun(env, "--config", file.toString(), "--network-id", "1337").toConfig();

    assertThat(c.api().grpcAddr().port()).as("file beats default").isEqualTo(1111);
    assertThat(c.api().httpAddr().port()).as("env beats file").isEqualTo(3333);
    assertThat(c.networkId()).as("flag beats env").isEqualTo("1337");
    assertThat(c.p2p().bootstrap()).containsExactly("/ip4/10.0.0.1/tcp/9000", "/ip4/10.0.0.2/tcp/9000");
  }

  @Test
  void configFileCanComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "log-format: json\n");
    NodeConfig c = cli.parseRun(Map.of("HANZO_CONFIG", file.toString())).toConfig();
    assertThat(c.logging().format()).isEqualTo(LogFormat.JSON);
  }

  @Test
  void poolsComeFromFlagsElseTheEnvironmentElseAConfigFileList(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, String.join("\n", "pool:", "  - gpu-eu=region=eu+gpu_model=A100",
        "  - gold=tier=gold", ""));
    NodeConfig fromFile = cli.parseRun(Map.of(), "--config", file.toString()).toConfig();
    assertThat(fromFile.placement().pools()).extracting(p -> p.id()).containsExactly("gpu-eu", "gold");
    assertThat(fromFile.placement().pools().get(0).selector())
        .isEqualTo(Map.of("region", "eu", "gpu_model", "A100"));
    NodeConfig fromEnv = cli.parseRun(Map.of("HANZO_POOLS", "a=zone=z1, b=runtime=process"), "--config",
        file.toString()).toConfig();
    assertThat(fromEnv.placement().pools()).extracting(p -> p.id()).containsExactly("a", "b");
    NodeConfig fromFlag = cli.parseRun(Map.of("HANZO_POOLS", "a=zone=z1"), "--pool", "c=node_id=n1").toConfig();
    assertThat(fromFlag.placement().pools()).extracting(p -> p.id()).containsExactly("c");
    assertThat(cli.parseRun(Map.of()).toConfig().placement().pools()).isEmpty();
  }

  @Test
  void bootstrapPeersFromTheEnvironmentAreCommaSeparated() {
    NodeConfig c = cli.parseRun(Map.of("HANZO_BOOTSTRAP_PEERS", "/ip4/1.2.3.4/tcp/1, /ip4/5.6.7.8/tcp/2")).toConfig();
    assertThat(c.p2p().bootstrap()).isEqualTo(List.of("/ip4/1.2.3.4/tcp/1", "/ip4/5.6.7.8/tcp/2"));
  }

  @Test
  void optionsAreAcceptedInAnyOrder() {
    NodeConfig c = cli.parseRun(Map.of(), "--log-level", "warn", "--data-dir", "d").toConfig();
    assertThat(c.logging().level()).isEqualTo(LogLevel.WARN);
    assertThat(c.dataDir()).isEqualTo(Path.of("d"));
  }

  @Test
  void mdnsFollowsTheNetworkUnlessSetAndFlagsBeatTheEnvironment() {
    assertThat(cli.parseRun(Map.of(), "--network-id", "43114").toConfig().p2p().mdns()).isFalse();
    assertThat(cli.parseRun(Map.of("HANZO_MDNS", "true"), "--network-id", "43114").toConfig().p2p().mdns())
        .isTrue();
    assertThat(cli.parseRun(Map.of("HANZO_MDNS", "true"), "--mdns", "false").toConfig().p2p().mdns()).isFalse();
    var p2p = cli.parseRun(Map.of("HANZO_MDNS_INTERFACES", "eth0,wlan0", "HANZO_MAX_PEERS", "50")).toConfig().p2p();
    assertThat(p2p.mdnsInterfaces()).containsExactly("eth0", "wlan0");
    assertThat(p2p.maxPeers()).isEqualTo(50);
  }
}
