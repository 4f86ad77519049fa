package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.testing.NodeProcess;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the node between broadcast and receipt: anvil with automine off keeps the registration in its
 * pool, the node is killed, and the transaction is dropped from the pool as an RPC that restarted would lose it.
 * The restarted node finds it in its journal and rebroadcasts the very same signed bytes: once a block is mined
 * there is exactly one registration, from exactly one transaction, with the hash the killed node signed.
 */
class OperatorCrashIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void aRegistrationInFlightWhenTheNodeIsKilledLandsExactlyOnceAfterTheRestart(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      RegistryTxs txs = new RegistryTxs(anvil);
      AnvilControl control = new AnvilControl(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String address = anvil.account(3).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(3), "pw", tmp.resolve("keys"));
      Path passwordFile = OperatorKeystores.passwordFile("pw", tmp);
      String[] args = {"--runtime", "process", "--node-id", "crash-node", "--chain-rpc", anvil.rpc().toString(),
          "--chain-id", Long.toString(anvil.chainId()), "--registry-contract", txs.registry(),
          "--chain-confirmations", "0", "--chain-poll-interval", "100ms", "--operator-keystore", keystore.toString(),
          "--operator-password-file", passwordFile.toString()};
      control.setAutomine(false);

      String signed;
      try (NodeProcess first = NodeProcess.start(tmp.resolve("data"), args)) {
        OperatorHttp http = new OperatorHttp(first.awaitReady(Duration.ofSeconds(60)).get("http"));
        http.postAsync("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.multiply(BigInteger.TWO) + "\"}");
        AtomicReference<List<String>> pool = new AtomicReference<>();
        await("the registration waits in anvil's pool").atMost(Duration.ofSeconds(30))
            .until(() -> {
              pool.set(control.poolHashes());
              return pool.get().size() == 1;
            });
        signed = pool.get().get(0);
        first.kill();
      }
      control.dropTransaction(signed);
      assertThat(control.transaction(signed)).as("the chain forgot it").isEmpty();
      assertThat(control.nonce(address, "pending")).isZero();

      try (NodeProcess second = NodeProcess.start(tmp.resolve("data"), args)) {
        OperatorHttp http = new OperatorHttp(second.awaitReady(Duration.ofSeconds(60)).get("http"));
        await("the restarted node rebroadcasts the journaled bytes").atMost(Duration.ofSeconds(30))
            .until(() -> control.transaction(signed).isPresent());
        Answer pending = http.status(address);
        assertThat(pending.body().path("pending").size()).as(pending.toString()).isEqualTo(1);
        assertThat(pending.body().path("pending").get(0).path("txHash").asText()).isEqualTo(signed);
        assertThat(http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER + "\"}").text("message"))
            .as("no second registration while the first is open").contains("already on its way");

        control.mine();
        Answer done = await("registered once mined").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address), s -> s.body().path("pending").isEmpty()
                && s.text("nodeOperator").equals(address));
        assertThat(done.text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
        assertThat(done.body().path("nodeCount").asLong()).isEqualTo(1);
        assertThat(control.nonce(address, "latest")).as("exactly one transaction was ever sent").isEqualTo(1);
        assertThat(control.receipt(signed).orElseThrow().path("status").asText()).isEqualTo("0x1");
        assertThat(second.output()).contains("Resuming 1 journaled transaction(s)");
      }
    }
  }

  @Test
  void aTransactionMinedWhileTheNodeWasDownIsSettledAtTheRestart(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      RegistryTxs txs = new RegistryTxs(anvil);
      AnvilControl control = new AnvilControl(anvil);
      txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(9).getAddress());
      String address = anvil.account(4).getAddress().toLowerCase();
      Path keystore = OperatorKeystores.write(anvil.account(4), "pw", tmp.resolve("keys"));
      String[] args = {"--runtime", "process", "--node-id", "crash-node-2", "--chain-rpc", anvil.rpc().toString(),
          "--chain-id", Long.toString(anvil.chainId()), "--registry-contract", txs.registry(),
          "--chain-confirmations", "0", "--chain-poll-interval", "100ms", "--operator-keystore", keystore.toString(),
          "--operator-password-file", OperatorKeystores.passwordFile("pw", tmp).toString()};
      control.setAutomine(false);
      try (NodeProcess first = NodeProcess.start(tmp.resolve("data"), args)) {
        OperatorHttp http = new OperatorHttp(first.awaitReady(Duration.ofSeconds(60)).get("http"));
        http.postAsync("/v1/operators/register", "{\"stake_wei\": \"" + ETHER + "\"}");
        await("in the pool").atMost(Duration.ofSeconds(30)).until(() -> control.poolHashes().size() == 1);
        first.kill();
      }
      control.mine();
      try (NodeProcess second = NodeProcess.start(tmp.resolve("data"), args)) {
        OperatorHttp http = new OperatorHttp(second.awaitReady(Duration.ofSeconds(60)).get("http"));
        Answer done = await("settled from the journal").atMost(Duration.ofSeconds(30))
            .until(() -> http.status(address), s -> s.body().path("pending").isEmpty());
        assertThat(done.text("nodeOperator")).isEqualTo(address);
        assertThat(control.nonce(address, "latest")).isEqualTo(1);
        assertThat(control.poolHashes()).as("nothing sent again").isEmpty();
      }
    }
  }
}
