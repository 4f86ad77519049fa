package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.chain.RpcAdversary.Mode;
import ai.hanzo.node.testing.NodeProcess;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stake increase the node journaled and broadcast, then its RPC goes away (a proxy in front of a real anvil that
 * drops every connection) and comes back. While it is away, the operator routes answer UNAVAILABLE and send nothing,
 * and GetHealth says the chain is not synced. When it is back, the open transaction is followed to its end exactly
 * once: rebroadcast byte for byte when the chain lost it (an RPC that restarted with an empty pool), simply found
 * when it was mined meanwhile. The stake grows by each increase once, and the account's nonce counts one transaction
 * per increase.
 */
class OperatorRpcOutageIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void anOpenStakeIncreaseIsConfirmedExactlyOnceAfterTheRpcComesBack(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start();
        RpcAdversary rpc = RpcAdversary.start(anvil.rpc(), anvil.chainId(), Mode.FORWARD)) {
      RegistryTxs txs = new RegistryTxs(anvil);
      AnvilControl control = new AnvilControl(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String address = anvil.account(5).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(5), "pw", tmp.resolve("keys"));
      try (NodeProcess node = NodeProcess.start(tmp.resolve("data"), "--runtime", "process", "--node-id",
          "outage-node", "--chain-rpc", rpc.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
          "--registry-contract", txs.registry(), "--chain-confirmations", "0", "--chain-poll-interval", "200ms",
          "--chain-rpc-timeout", "1s", "--operator-keystore", keystore.toString(), "--operator-password-file",
          OperatorKeystores.passwordFile("pw", tmp).toString())) {
        OperatorHttp http = new OperatorHttp(node.awaitReady(Duration.ofSeconds(60)).get("http"));
        Answer registered = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER + "\"}");
        assertThat(registered.text("state")).as(registered.toString()).isEqualTo("CONFIRMED");

        // 1. The RPC restarts with an empty pool while it is away: the journaled bytes are sent again.
        control.setAutomine(false);
        String lost = increaseThenLoseTheRpc(http, control, rpc, address);
        control.dropTransaction(lost);
        assertThat(control.transaction(lost)).as("the chain forgot it").isEmpty();
        whileAwayNothingIsSentAndHealthSaysSo(http, address, rpc);
        rpc.mode(Mode.FORWARD);
        await("the node rebroadcasts the journaled bytes once the RPC is back").atMost(Duration.ofSeconds(30))
            .until(() -> control.transaction(lost).isPresent());
        control.mine();
        settled(http, address, ETHER.multiply(BigInteger.TWO));
        assertThat(control.receipt(lost).orElseThrow().path("status").asText()).isEqualTo("0x1");
        assertThat(control.nonce(address, "latest")).as("register and one increase").isEqualTo(2);

        // 2. The transaction is mined while the RPC is away: found when it is back, never sent again.
        String mined = increaseThenLoseTheRpc(http, control, rpc, address);
        long sendsBefore = sends(rpc);
        control.mine();
        whileAwayNothingIsSentAndHealthSaysSo(http, address, rpc);
        rpc.mode(Mode.FORWARD);
        settled(http, address, ETHER.multiply(BigInteger.valueOf(3)));
        assertThat(control.receipt(mined).orElseThrow().path("status").asText()).isEqualTo("0x1");
        assertThat(sends(rpc)).as("nothing sent again").isEqualTo(sendsBefore);

        // Exactly once, even after more blocks: the node has followed the chain past them.
        control.mine();
        control.mine();
        long head = Long.decode(control.call("eth_blockNumber").asText());
        await("the node follows the head past the new blocks").atMost(Duration.ofSeconds(10))
            .until(() -> http.get("/health").body().path("consensus").path("blockHeight").asLong() >= head);
        assertThat(control.nonce(address, "pending")).as("three transactions ever: register, two increases")
            .isEqualTo(3);
        assertThat(control.poolHashes()).isEmpty();
        assertThat(http.status(address).text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.valueOf(3)).toString());
        assertThat(node.output()).contains("The chain RPC answers again");
      }
    }
  }

  /**
   * Sends an increase of 1 ether with automine off, waits until anvil's pool holds it, then has the RPC drop every
   * connection. The call answers PENDING (within the API's answer time) with the hash in the pool.
   */
  private static String increaseThenLoseTheRpc(OperatorHttp http, AnvilControl control, RpcAdversary rpc,
      String address) throws Exception {
    int before = control.poolHashes().size();
    CompletableFuture<HttpResponse<String>> increase = http.postAsync("/v1/operators/" + address + "/stake",
        "{\"action\": \"increase\", \"amount\": \"" + ETHER + "\"}");
    AtomicReference<List<String>> pool = new AtomicReference<>();
    await("the increase waits in anvil's pool").atMost(Duration.ofSeconds(30)).until(() -> {
      pool.set(control.poolHashes());
      return pool.get().size() == before + 1;
    });
    rpc.mode(Mode.DROP);
    Answer pending = http.answerOf(increase.get(30, TimeUnit.SECONDS));
    assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
    assertThat(pending.text("state")).as(pending.toString()).isEqualTo("PENDING");
    assertThat(pool.get()).contains(pending.text("txHash"));
    return pending.text("txHash");
  }

  private static void whileAwayNothingIsSentAndHealthSaysSo(OperatorHttp http, String address, RpcAdversary rpc)
      throws Exception {
    long sends = sends(rpc);
    Answer status = http.status(address);
    assertThat(status.status()).as(status.toString()).isEqualTo(503);
    assertThat(status.text("code")).isEqualTo("UNAVAILABLE");
    Answer another = http.post("/v1/operators/" + address + "/stake",
        "{\"action\": \"increase\", \"amount\": \"" + ETHER + "\"}");
    assertThat(another.status()).as(another.toString()).isEqualTo(503);
    assertThat(another.text("message")).contains("127.0.0.1:" + rpc.rpc().getPort());
    await("GetHealth: not synced while the RPC is away").atMost(Duration.ofSeconds(10))
        .until(() -> !http.get("/health").body().path("consensus").path("synced").asBoolean(true));
    assertThat(sends(rpc)).as("nothing sent while the RPC is away").isEqualTo(sends);
  }

  /** Waits until the node's status shows no open transaction and {@code stake}. */
  private static void settled(OperatorHttp http, String address, BigInteger stake) {
    Answer done = await("settled once the RPC is back").atMost(Duration.ofSeconds(30))
        .until(() -> http.status(address), s -> s.status() == 200 && s.body().path("pending").isEmpty());
    assertThat(done.text("stakeWei")).as(done.toString()).isEqualTo(stake.toString());
  }

  private static long sends(RpcAdversary rpc) {
    return rpc.methods().stream().filter("eth_sendRawTransaction"::equals).count();
  }
}
