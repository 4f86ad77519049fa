package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.chain.RpcAdversary.Mode;
import ai.hanzo.node.storage.ChainTxRecord;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --chain-confirmations 3} on a real anvil whose blocks the test mines one by one ({@code evm_mine}; anvil
 * mines nothing by itself here but the registration): the registration has a receipt at once, and stays MINED in the
 * node's journal and in the operator's status after 1 and 2 more blocks; the 3rd block on top makes it CONFIRMED.
 *
 * <p>"Still not confirmed" is only worth asserting once the node has looked at the new head: the RPC reaches the
 * node through a forwarding {@link RpcAdversary} that records every call, and after each block the test waits for
 * two more receipt checks. The sender's calls run on one thread, so the second of them belongs to a check that read
 * the head after the block was mined (a regular pass reads the head before its receipts, an eager one after).
 */
class OperatorConfirmationsIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final int CONFIRMATIONS = 3;

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void aRegistrationStaysMinedUntilItsThirdBlockOnTopThenIsConfirmed(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start();
        RpcAdversary rpc = RpcAdversary.start(anvil.rpc(), anvil.chainId(), Mode.FORWARD)) {
      RegistryTxs txs = new RegistryTxs(anvil);
      AnvilControl control = new AnvilControl(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String address = anvil.account(4).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(4), "pw", tmp.resolve("keys"));
      Path data = tmp.resolve("data");
      String hash;
      long block;
      try (NodeProcess node = NodeProcess.start(data, "--runtime", "process", "--node-id", "confirm-node",
          "--chain-rpc", rpc.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
          "--registry-contract", txs.registry(), "--chain-confirmations", Integer.toString(CONFIRMATIONS),
          "--chain-poll-interval", "100ms", "--operator-keystore", keystore.toString(),
          "--operator-password-file", OperatorKeystores.passwordFile("pw", tmp).toString())) {
        OperatorHttp http = new OperatorHttp(node.awaitReady(Duration.ofSeconds(60)).get("http"));
        CompletableFuture<HttpResponse<String>> register = http.postAsync("/v1/operators/register",
            "{\"stake_wei\": \"" + ETHER.multiply(BigInteger.TWO) + "\"}");

        // Anvil mines the registration on arrival: a receipt, and no block on top of it yet.
        JsonNode mined = await("the registration is in the status").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address).body().path("pending"), p -> p.size() == 1
                && p.get(0).path("state").asText().equals("MINED"));
        hash = mined.get(0).path("txHash").asText();
        block = mined.get(0).path("blockNumber").asLong();
        JsonNode receipt = control.receipt(hash).orElseThrow();
        assertThat(Long.decode(receipt.path("blockNumber").asText())).isEqualTo(block);
        assertThat(receipt.path("status").asText()).isEqualTo("0x1");
        assertThat(mined.get(0).path("action").asText()).isEqualTo("register");
        // Nothing mines while the call waits, so it answers MINED at the end of its answer time.
        Answer answered = http.answerOf(register.get(30, TimeUnit.SECONDS));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.text("state")).as(answered.toString()).isEqualTo("MINED");
        assertThat(answered.text("txHash")).isEqualTo(hash);

        for (int onTop = 1; onTop < CONFIRMATIONS; onTop++) {
          mineAndWaitForTheNodeToLook(control, rpc, http, address);
          Answer status = http.status(address);
          assertThat(status.body().path("pending")).as("%d block(s) on top: %s", onTop, status).hasSize(1);
          assertThat(status.body().path("pending").get(0).path("state").asText())
              .as("%d block(s) on top: %s", onTop, status).isEqualTo("MINED");
          assertThat(status.body().path("pending").get(0).path("blockNumber").asLong()).isEqualTo(block);
        }

        control.mine();
        Answer confirmed = await("the 3rd block on top confirms it").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address), s -> s.status() == 200 && s.body().path("pending").isEmpty());
        assertThat(confirmed.text("nodeOperator")).as(confirmed.toString()).isEqualTo(address);
        assertThat(confirmed.text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
        assertThat(Long.decode(control.call("eth_blockNumber").asText())).isEqualTo(block + CONFIRMATIONS);
        assertThat(node.output()).contains("Transaction " + hash + " (register) is confirmed in block " + block);
      }
      ChainTxRecord journaled = IamNodeFixture.withDatabase(data, db -> db.chainTxs().get(hash)).orElseThrow();
      assertThat(journaled.state()).as(journaled.toString()).isEqualTo("CONFIRMED");
      assertThat(journaled.blockNumber()).isEqualTo(block);
      assertThat(control.nonce(address, "latest")).as("one transaction").isEqualTo(1);
    }
  }

  /**
   * Mines one block, then waits until a receipt check of the node has read the head above it (class comment), or
   * until the status lists nothing open (a node that confirms too early stops checking: the caller's assertion then
   * says so, not a timeout).
   */
  private static void mineAndWaitForTheNodeToLook(AnvilControl control, RpcAdversary rpc, OperatorHttp http,
      String address) throws Exception {
    long before = receiptChecks(rpc);
    control.mine();
    await("two receipt checks after the block").atMost(Duration.ofSeconds(30))
        .until(() -> receiptChecks(rpc) >= before + 2 || http.status(address).body().path("pending").isEmpty());
  }

  private static long receiptChecks(RpcAdversary rpc) {
    return rpc.methods().stream().filter("eth_getTransactionReceipt"::equals).count();
  }
}
