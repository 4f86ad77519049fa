package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.QosSampling;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DHT mode and gossip intervals: defaults, environment, flags beating the environment, bad values named. */
class P2pOptionsTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void defaultsAreServerModeTenAndThirtySeconds() {
    P2pConfig p2p = cli.parseRun(Map.of()).toConfig().p2p();
    assertThat(p2p.dhtServer()).isTrue();
    assertThat(p2p.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p2p.metricsGossipInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p2p.dhtPrivateAddresses()).as("the local network 1337").isTrue();
  }

  @Test
  void environmentAndFlagsAreRead() {
    Map<String, String> env = Map.of("HANZO_DHT_MODE", "client", "HANZO_HEARTBEAT_INTERVAL", "5s",
        "HANZO_METRICS_GOSSIP_INTERVAL", "1m");
    P2pConfig fromEnv = cli.parseRun(env, "--network-id", "43114").toConfig().p2p();
    assertThat(fromEnv.dhtServer()).isFalse();
    assertThat(fromEnv.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fromEnv.metricsGossipInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(fromEnv.dhtPrivateAddresses()).as("public network on a public address").isFalse();

    P2pConfig fromFlags = cli.parseRun(env, "--dht-mode", "server", "--heartbeat-interval", "2s",
        "--metrics-gossip-interval", "3s").toConfig().p2p();
    assertThat(fromFlags.dhtServer()).isTrue();
    assertThat(fromFlags.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fromFlags.metricsGossipInterval()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void badValuesAreRefusedWithWhatIsExpected() {
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--dht-mode", "both").toConfig())
        .hasMessageContaining("--dht-mode").hasMessageContaining("server or client");
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--heartbeat-interval", "0s").toConfig())
        .hasMessageContaining("--heartbeat-interval");
  }

  @Test
  void qosSamplingIsOnEveryFiveMinutesForThreePeersUnlessSetOrTurnedOff() {
    assertThat(cli.parseRun(Map.of()).toConfig().p2p().qosSampling()).isEqualTo(QosSampling.DEFAULTS);
    QosSampling fromEnv = cli.parseRun(Map.of("HANZO_QOS_SAMPLE_INTERVAL", "30s", "HANZO_QOS_SAMPLE_PEERS", "7"))
        .toConfig().p2p().qosSampling();
    assertThat(fromEnv).isEqualTo(new QosSampling(Duration.ofSeconds(30), 7));
    QosSampling off = cli.parseRun(Map.of(), "--qos-sample-interval", "0").toConfig().p2p().qosSampling();
    assertThat(off.on()).isFalse();
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--qos-sample-interval", "500ms").toConfig())
        .hasMessageContaining("--qos-sample-interval").hasMessageContaining("1s to 24h");
    assertThatThrownBy(() -> cli.parseRun(Map.of(), "--qos-sample-peers", "0").toConfig())
        .hasMessageContaining("--qos-sample-peers").hasMessageContaining("1 to 100");
  }
}
