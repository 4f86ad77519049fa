package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.Anvil;
import ai.hanzo.node.chain.Contracts;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.config.StreamLimits;
import ai.hanzo.node.config.TlsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node following a real anvil chain (a block a second): GetHealth's consensus shows the chain's head, id and
 * sync; the {@code chain} check and {@code synced} drop while anvil is stopped and {@code synced} comes back with it
 * (the restarted anvil is a new chain, which the node reports as a reorg); the head is a Prometheus gauge.
 */
class ChainHealthIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void consensusFollowsTheChainAndHealthDegradesWhileItsRpcIsDown(@TempDir Path tmp) throws Exception {
    Anvil anvil = Anvil.start("--block-time", "1");
    NodeApp node = null;
    try {
      ChainConfig chain = new ChainConfig(anvil.rpc(), anvil.chainId(), Optional.empty(), 2,
          Duration.ofMillis(200), Duration.ofSeconds(5));
      node = new NodeApp(config(tmp.resolve("data"), chain), new NodeVersion("7.7.7-chain", "test"));
      node.start();
      String http = "http://127.0.0.1:" + node.boundPorts().get("http");

      JsonNode synced = await("synced at a head above 1").atMost(Duration.ofSeconds(30))
          .until(() -> health(http), h -> h.path("consensus").path("synced").asBoolean()
              && h.path("consensus").path("blockHeight").asLong() >= 2);
      assertThat(synced.path("status").asText()).isEqualTo("HEALTH_STATUS_HEALTHY");
      assertThat(synced.path("consensus").path("networkId").asText()).isEqualTo(Long.toString(anvil.chainId()));
      long height = synced.path("consensus").path("blockHeight").asLong();
      await("the head moves on").atMost(Duration.ofSeconds(30))
          .until(() -> health(http).path("consensus").path("blockHeight").asLong() > height);
      assertThat(get(http + "/metrics")).contains("hanzo_chain_head_block ").contains("hanzo_chain_synced 1.0")
          .contains("hanzo_chain_head_lag_seconds ");

      int port = anvil.port();
      anvil.close();
      JsonNode down = await("DEGRADED while the RPC is down").atMost(Duration.ofSeconds(30))
          .until(() -> health(http), h -> h.path("status").asText().equals("HEALTH_STATUS_DEGRADED"));
      assertThat(down.path("consensus").path("synced").asBoolean()).isFalse();
      assertThat(down.path("checks").findValuesAsText("reason")).as("the chain check says why, beside the others")
          .anyMatch(reason -> reason.startsWith("the chain RPC does not answer"));
      assertThat(get(http + "/metrics")).contains("hanzo_chain_synced 0.0");

      // A fresh anvil on the same port is a new chain of the same id: the blocks the node saw (more than the 2
      // confirmations deep) are gone, which the node reports as a reorg beyond its memory. Synced again all the same.
      anvil = Anvil.start(port, "--block-time", "1");
      JsonNode back = await("synced again once anvil is back").atMost(Duration.ofSeconds(30))
          .until(() -> health(http), h -> h.path("consensus").path("synced").asBoolean());
      assertThat(back.path("consensus").path("networkId").asText()).isEqualTo(Long.toString(anvil.chainId()));
      await("the replaced chain is reported").atMost(Duration.ofSeconds(30))
          .until(() -> get(http + "/metrics"), m -> m.contains("hanzo_chain_reorgs_total 1.0")
              && m.contains("hanzo_chain_synced 1.0"));
      assertThat(health(http).path("status").asText()).as("the chain check names the deep reorg for a while")
          .isEqualTo("HEALTH_STATUS_DEGRADED");
    } finally {
      if (node != null) {
        node.stop();
      }
      anvil.close();
    }
  }

  private static JsonNode health(String http) throws Exception {
    return JSON.readTree(get(http + "/health"));
  }

  private static String get(String uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static NodeConfig config(Path dataDir, ChainConfig chain) {
    return new NodeConfig("chain-node", dataDir, "1337", "", false,
        new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1), false,
            TlsConfig.NONE, StreamLimits.DEFAULT),
        new P2pConfig("/ip4/127.0.0.1/tcp/0", List.of(), false, List.of(), P2pConfig.DEFAULT_MAX_PEERS, true, true,
            Duration.ofSeconds(10), Duration.ofSeconds(30)),
        new StorageConfig(Duration.ofHours(1)), new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false),
        IamConfig.disabled(), new RuntimeConfig("process", ""), false, chain);
  }
}
