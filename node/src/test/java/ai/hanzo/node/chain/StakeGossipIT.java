package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stake on the network, with two real node processes on a real anvil chain. Node A is registered and staked and
 * runs with {@code --require-stake}; node B holds the keystore of the same operator, so its heartbeats claim that
 * staked operator, but its own PeerId is bound to nobody. B lists A as staked with A's stake; A lists B as not
 * staked, and ignores (and counts) B's heartbeats and commands: B never shows up with a node id, and B's cordon
 * does not reach A's scheduler.
 */
class StakeGossipIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final Pattern IGNORED = Pattern.compile(
      "hanzo_p2p_unstaked_ignored_total\\{reason=\"no_binding\",topic=\"([^\"]+)\",?} ([0-9.E]+)");

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void aStakedPeerIsShownStakedAndAnUnboundPeersGossipIsIgnoredAndCounted(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      RegistryTxs txs = new RegistryTxs(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String operator = anvil.account(1).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(1), "pw", tmp.resolve("keys"));
      Path password = OperatorKeystores.passwordFile("pw", tmp);
      String[] chain = {"--runtime", "process", "--chain-rpc", anvil.rpc().toString(), "--chain-id",
          Long.toString(anvil.chainId()), "--registry-contract", txs.registry(), "--chain-confirmations", "0",
          "--chain-poll-interval", "100ms", "--stake-refresh-blocks", "1", "--heartbeat-interval", "1s",
          "--operator-keystore", keystore.toString(), "--operator-password-file", password.toString()};

      try (NodeProcess a = NodeProcess.start(tmp.resolve("a"), with(chain, "--node-id", "staked-a",
          "--require-stake"))) {
        OperatorHttp httpA = new OperatorHttp(a.awaitReady(Duration.ofSeconds(60)).get("http"));
        Answer registered = httpA.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.multiply(
            BigInteger.TWO) + "\"}");
        assertThat(registered.text("state")).as(registered.toString()).isEqualTo("CONFIRMED");
        String peerA = httpA.get("/v1/network").text("peerId");
        String bootstrap = StreamSupport.stream(httpA.get("/v1/network").body().path("listenAddresses")
            .spliterator(), false).map(JsonNode::asText).filter(s -> s.startsWith("/ip4/127.0.0.1/"))
            .findFirst().orElseThrow();

        try (NodeProcess b = NodeProcess.start(tmp.resolve("b"), with(chain, "--node-id", "unbound-b",
            "--bootstrap", bootstrap))) {
          OperatorHttp httpB = new OperatorHttp(b.awaitReady(Duration.ofSeconds(60)).get("http"));
          String peerB = httpB.get("/v1/network").text("peerId");

          JsonNode aSeenByB = await("B hears A's heartbeat and checks A's stake").atMost(Duration.ofSeconds(60))
              .until(() -> peer(httpB, peerA), p -> p.isPresent() && !p.get().path("stakeWei").asText().isEmpty()
                  && p.get().path("nodeId").asText().equals("staked-a")).orElseThrow();
          assertThat(aSeenByB.path("staked").asBoolean()).as(aSeenByB.toString()).isTrue();
          assertThat(aSeenByB.path("stakeWei").asText()).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
          assertThat(aSeenByB.path("operatorAddress").asText()).isEqualTo(operator);
          assertThat(aSeenByB.path("boundOperator").asText()).isEqualTo(operator);

          Answer cordon = httpB.post("/v1/network/commands", "{\"target\": \"" + peerA
              + "\", \"type\": \"NETWORK_COMMAND_TYPE_CORDON\"}");
          assertThat(cordon.status()).as(cordon.toString()).isEqualTo(200);

          await("A ignores and counts B's heartbeats and its command").atMost(Duration.ofSeconds(60))
              .until(() -> ignored(httpA, "hanzo/heartbeat/v1") >= 2 && ignored(httpA, "hanzo/commands/v1") >= 1);
          JsonNode bSeenByA = peer(httpA, peerB).orElseThrow();
          assertThat(bSeenByA.path("staked").asBoolean()).as(bSeenByA.toString()).isFalse();
          assertThat(bSeenByA.path("stakeWei").asText()).as("B's PeerId is bound to nobody").isEqualTo("0");
          assertThat(bSeenByA.path("boundOperator").asText()).isEmpty();
          assertThat(bSeenByA.path("nodeId").asText()).as("no heartbeat of B was delivered").isEmpty();
          assertThat(a.output()).as("never delivered, so neither executed nor refused")
              .doesNotContain("Executed command").doesNotContain("Refused command");

          await("A's own stake gauge").atMost(Duration.ofSeconds(30)).until(() -> httpA.getText("/metrics"),
              m -> m.contains("hanzo_operator_stake_wei " + ETHER.multiply(BigInteger.TWO).doubleValue())
                  && m.contains("hanzo_operator_staked 1.0"));
          await("B's PeerId is not bound: its own stake is 0").atMost(Duration.ofSeconds(30))
              .until(() -> httpB.getText("/metrics"), m -> m.contains("hanzo_operator_stake_wei 0.0")
                  && m.contains("hanzo_operator_staked 0.0"));
        }
      }
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static Optional<JsonNode> peer(OperatorHttp http, String peerId) throws Exception {
    return StreamSupport.stream(http.get("/v1/peers").body().path("peers").spliterator(), false)
        .filter(p -> p.path("peerId").asText().equals(peerId)).findFirst();
  }

  private static double ignored(OperatorHttp http, String topic) throws Exception {
    Matcher m = IGNORED.matcher(http.getText("/metrics"));
    while (m.find()) {
      if (m.group(1).equals(topic)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}
