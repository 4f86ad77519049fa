package ai.hanzo.node.chain;

import static ai.hanzo.node.chain.QosSlashIT.share;
import static ai.hanzo.node.chain.QosSlashIT.slashedTotal;
import static ai.hanzo.node.chain.QosSlashIT.stake;
import static ai.hanzo.node.chain.SlashingNetwork.STAKE;
import static ai.hanzo.node.chain.SlashingNetwork.WAIT;
import static ai.hanzo.node.chain.SlashingNetwork.challenge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.testing.NodeProcess;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    try (SlashingNetwork net = SlashingNetwork.start(tmp,
        Map.of("JAVA_TOOL_OPTIONS", "-Dhanzo.test.halt-at=qos-evidence-stored"))) {
      RegistryTxs txs = net.txs;
      NodeProcess s = net.s;
      String peerP = net.peerP;
      String operatorP = net.operatorP;
      net.stopProviderAndFailItFromS();
      // A fails P until its failure reaches S, which then stores the evidence and halts before journaling.
      await("S halts right after storing the evidence").atMost(WAIT).pollInterval(Duration.ofSeconds(2))
          .until(() -> {
            if (!s.process().isAlive()) {
              return true;
            }
            challenge(net.httpA, peerP);
            return false;
          });
      assertThat(s.process().exitValue()).as(s.output()).isEqualTo(137);
      assertThat(s.output()).contains("halting at crash point qos-evidence-stored");
      net.nodes.remove(s);

      List<QosEvidenceRecord> kept = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.qos().evidences(10));
      assertThat(kept).singleElement().satisfies(e -> assertThat(e.shareBps()).isEqualTo(100));
      String action = OperatorService.slashAction(kept.get(0).id());
      long journaledAtCrash = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.chainTxs().list().stream()
          .filter(t -> t.action().equals(action)).count());
      assertThat(journaledAtCrash).as("nothing journaled before the crash").isZero();
      assertThat(stake(txs, operatorP)).isEqualTo(STAKE);

      BigInteger once = share(STAKE, 100);
      NodeProcess restarted = net.start(tmp.resolve("s"), net.slasherArgs);
      restarted.awaitReady(WAIT);
      await("the restarted S slashes for the stored evidence").atMost(WAIT)
          .until(() -> slashedTotal(txs).equals(once));
      await("and only once").during(Duration.ofSeconds(3)).atMost(WAIT)
          .until(() -> slashedTotal(txs).equals(once) && stake(txs, operatorP).equals(STAKE.subtract(once)));
      assertThat(restarted.output()).contains("stored before a restart");

      restarted.kill();
      net.nodes.remove(restarted);
      long journaled = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.chainTxs().list().stream()
          .filter(t -> t.action().equals(action)).count());
      assertThat(journaled).as("journaled once").isEqualTo(1);
      NodeProcess again = net.start(tmp.resolve("s"), net.slasherArgs);
      again.awaitReady(WAIT);
      await("a further restart sends nothing more").during(Duration.ofSeconds(3)).atMost(WAIT)
          .until(() -> slashedTotal(txs).equals(once));
      assertThat(again.output()).doesNotContain("stored before a restart");
    }
  }
}
