package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.testing.NodeProcess;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reorg deeper than the confirmations, made with anvil's {@code evm_snapshot} / {@code evm_revert}: the node's
 * registration is confirmed (2 blocks on top), then the chain goes back to before it. The node notices the reorg
 * (log, {@code hanzo_chain_reorgs_total}, the {@code chain} check DEGRADED with the reason), follows the
 * registration again and, since the chain lost it, rebroadcasts its journaled bytes: once mined there is exactly one
 * registration, from that same transaction.
 */
class ChainReorgIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final Pattern REORGS = Pattern.compile("(?m)^hanzo_chain_reorgs_total ([0-9.E]+)$");
  private static final Pattern HEAD = Pattern.compile("(?m)^hanzo_chain_head_block ([0-9.E]+)$");

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void aRegistrationReorgedOutIsDetectedResentAndLandsExactlyOnce(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      RegistryTxs txs = new RegistryTxs(anvil);
      AnvilControl control = new AnvilControl(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String address = anvil.account(5).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(5), "pw", tmp.resolve("keys"));
      String snapshot = control.call("evm_snapshot").asText();
      long forkPoint = Long.decode(control.call("eth_blockNumber").asText());

      try (NodeProcess node = NodeProcess.start(tmp.resolve("data"), "--runtime", "process", "--node-id",
          "reorg-node", "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
          "--registry-contract", txs.registry(), "--chain-confirmations", "2", "--chain-poll-interval", "100ms",
          "--operator-keystore", keystore.toString(), "--operator-password-file",
          OperatorKeystores.passwordFile("pw", tmp).toString())) {
        OperatorHttp http = new OperatorHttp(node.awaitReady(Duration.ofSeconds(60)).get("http"));
        Answer registered = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.multiply(
            BigInteger.TWO) + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        String hash = registered.text("txHash");
        for (int i = 0; i < 3; i++) {
          control.mine();
        }
        long top = Long.decode(control.call("eth_blockNumber").asText());
        await("confirmed, and the follower saw the head").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address).body().path("pending").isEmpty()
                && metric(http, HEAD) == top);
        assertThat(metric(http, REORGS)).isZero();

        assertThat(control.call("evm_revert", snapshot).asBoolean()).isTrue();
        if (control.transaction(hash).isPresent()) {
          // Whatever anvil does with the reverted transactions, the chain must not know this one any more.
          control.dropTransaction(hash);
        }
        await("the reorg is noticed").atMost(Duration.ofSeconds(30)).until(() -> metric(http, REORGS) >= 1);
        assertThat(http.get("/health").text("status")).as("the chain check reports the deep reorg")
            .isEqualTo("HEALTH_STATUS_DEGRADED");
        assertThat(node.output()).contains("reorg of depth " + (top - forkPoint))
            .contains("deeper than --chain-confirmations 2")
            .contains("left the chain in a reorg; following it again");

        await("the journaled registration is sent again").atMost(Duration.ofSeconds(30))
            .until(() -> control.transaction(hash).isPresent());
        for (int i = 0; i < 3; i++) {
          control.mine();
        }
        Answer done = await("confirmed again").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address), s -> s.body().path("pending").isEmpty()
                && s.text("nodeOperator").equals(address));
        assertThat(done.text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
        assertThat(done.body().path("nodeCount").asLong()).isEqualTo(1);
        assertThat(control.nonce(address, "latest")).as("the same transaction, once").isEqualTo(1);
        assertThat(control.receipt(hash).orElseThrow().path("status").asText()).isEqualTo("0x1");
        assertThat(node.output()).contains("Rebroadcasting journaled transaction " + hash);
      }
    }
  }

  private static double metric(OperatorHttp http, Pattern pattern) throws Exception {
    Matcher m = pattern.matcher(http.getText("/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
