package ai.hanzo.node.chain;

import static ai.hanzo.node.chain.QosSlashIT.STAKE;
import static ai.hanzo.node.chain.QosSlashIT.WAIT;
import static ai.hanzo.node.chain.QosSlashIT.challenge;
import static ai.hanzo.node.chain.QosSlashIT.peers;
import static ai.hanzo.node.chain.QosSlashIT.register;
import static ai.hanzo.node.chain.QosSlashIT.share;
import static ai.hanzo.node.chain.QosSlashIT.signal;
import static ai.hanzo.node.chain.QosSlashIT.slashedTotal;
import static ai.hanzo.node.chain.QosSlashIT.stake;
import static ai.hanzo.node.chain.QosSlashIT.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.qos.ScoreRules;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of the slasher between storing slash evidence and journaling its slash transaction: S runs with the
 * test-only {@code -Dhanzo.test.halt-at=qos-evidence-stored}, so it halts (as a {@code kill -9} there would stop
 * it) right after the evidence is written. The evidence is there, the journal has no slash and the chain no slash.
 * Restarted without the halt, S finds the evidence, journals and sends its slash, and the chain shows exactly one
 * slash of 1 % (slashedTotal and the operator's stake), also after a further kill -9 and restart.
 */
class QosSlashCrashIT {
  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void evidenceStoredBeforeACrashIsSlashedOnceAfterTheRestart(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      RegistryTxs txs = new RegistryTxs(anvil);
      txs.deploy(anvil.account(0), QosSlashIT.ETHER, 3600, anvil.account(3).getAddress());
      Path password = OperatorKeystores.passwordFile("pw", tmp);
      String[] chain = {"--runtime", "process", "--chain-rpc", anvil.rpc().toString(), "--chain-id",
          Long.toString(anvil.chainId()), "--registry-contract", txs.registry(), "--chain-confirmations", "0",
          "--chain-poll-interval", "100ms", "--stake-refresh-blocks", "1", "--heartbeat-interval", "1s",
          "--qos-sample-interval", "0", "--operator-password-file", password.toString()};
      String operatorP = anvil.account(2).getAddress().toLowerCase();
      String[] slasher = with(chain, "--node-id", "slasher-s", "--qos-slash-quorum", "2", "--operator-keystore",
          OperatorKeystores.write(anvil.account(3), "pw", tmp.resolve("keys-s")).toString());
      List<NodeProcess> nodes = new ArrayList<>();
      NodeProcess p = null;
      try {
        NodeProcess s = NodeProcess.start(tmp.resolve("s"),
            Map.of("JAVA_TOOL_OPTIONS", "-Dhanzo.test.halt-at=qos-evidence-stored"), slasher);
        nodes.add(s);
        OperatorHttp httpS = new OperatorHttp(s.awaitReady(WAIT).get("http"));
        register(httpS);
        String bootstrap = StreamSupport.stream(httpS.get("/v1/network").body().path("listenAddresses")
            .spliterator(), false).map(JsonNode::asText).filter(a -> a.startsWith("/ip4/127.0.0.1/"))
            .findFirst().orElseThrow();
        NodeProcess a = start(nodes, tmp.resolve("a"), with(chain, "--node-id", "challenger-a", "--bootstrap",
            bootstrap, "--operator-keystore", OperatorKeystores.write(anvil.account(1), "pw", tmp.resolve("keys-a"))
            .toString()));
        p = start(nodes, tmp.resolve("p"), with(chain, "--node-id", "provider-p", "--bootstrap", bootstrap,
            "--operator-keystore", OperatorKeystores.write(anvil.account(2), "pw", tmp.resolve("keys-p"))
            .toString()));
        OperatorHttp httpA = new OperatorHttp(a.awaitReady(WAIT).get("http"));
        OperatorHttp httpP = new OperatorHttp(p.awaitReady(WAIT).get("http"));
        register(httpA);
        register(httpP);
        String peerP = httpP.get("/v1/network").text("peerId");
        String peerA = httpA.get("/v1/network").text("peerId");
        await().atMost(WAIT).until(() -> peers(httpS).containsAll(List.of(peerA, peerP))
            && peers(httpA).contains(peerP));
        for (int i = 0; i < ScoreRules.GRACE; i++) {
          Answer passed = challenge(httpS, peerP, 10_000);
          assertThat(passed.body().path("passed").asBoolean()).as(passed.toString()).isTrue();
        }

        signal(p, "STOP");
        Answer own = challenge(httpS, peerP);
        assertThat(own.body().path("passed").asBoolean()).as(own.toString()).isFalse();
        // A fails P until its failure reaches S, which then stores the evidence and halts before journaling.
        await("S halts right after storing the evidence").atMost(WAIT).pollInterval(Duration.ofSeconds(2))
            .until(() -> {
              if (!s.process().isAlive()) {
                return true;
              }
              challenge(httpA, peerP);
              return false;
            });
        assertThat(s.process().exitValue()).as(s.output()).isEqualTo(137);
        assertThat(s.output()).contains("halting at crash point qos-evidence-stored");
        nodes.remove(s);

        List<QosEvidenceRecord> kept = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.qos().evidences(10));
        assertThat(kept).singleElement().satisfies(e -> assertThat(e.shareBps()).isEqualTo(100));
        String action = OperatorService.slashAction(kept.get(0).id());
        long journaledAtCrash = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.chainTxs().list().stream()
            .filter(t -> t.action().equals(action)).count());
        assertThat(journaledAtCrash).as("nothing journaled before the crash").isZero();
        assertThat(stake(txs, operatorP)).isEqualTo(STAKE);

        BigInteger once = share(STAKE, 100);
        NodeProcess restarted = start(nodes, tmp.resolve("s"), slasher);
        restarted.awaitReady(WAIT);
        await("the restarted S slashes for the stored evidence").atMost(WAIT)
            .until(() -> slashedTotal(txs).equals(once));
        await("and only once").during(Duration.ofSeconds(3)).atMost(WAIT)
            .until(() -> slashedTotal(txs).equals(once) && stake(txs, operatorP).equals(STAKE.subtract(once)));
        assertThat(restarted.output()).contains("stored before a restart");

        restarted.kill();
        nodes.remove(restarted);
        long journaled = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.chainTxs().list().stream()
            .filter(t -> t.action().equals(action)).count());
        assertThat(journaled).as("journaled once").isEqualTo(1);
        NodeProcess again = start(nodes, tmp.resolve("s"), slasher);
        again.awaitReady(WAIT);
        await("a further restart sends nothing more").during(Duration.ofSeconds(3)).atMost(WAIT)
            .until(() -> slashedTotal(txs).equals(once));
        assertThat(again.output()).doesNotContain("stored before a restart");
      } finally {
        if (p != null) {
          signal(p, "CONT");
        }
        for (NodeProcess n : nodes) {
          n.close();
        }
      }
    }
  }

  private static NodeProcess start(List<NodeProcess> nodes, Path dir, String... args) throws Exception {
    NodeProcess n = NodeProcess.start(dir, args);
    nodes.add(n);
    return n;
  }
}
