package ai.hanzo.node.chain;

import static ai.hanzo.node.chain.SlashingNetwork.STAKE;
import static ai.hanzo.node.chain.SlashingNetwork.WAIT;
import static ai.hanzo.node.chain.SlashingNetwork.challenge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.qos.ResultVerifier;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Corroborated QoS failures slash through the chain, with three real node processes on a real anvil chain, each
 * registered and staked under its own operator: S holds the registry's slasher account and runs with {@code
 * --qos-slash-quorum 2}; A challenges; P is the provider. S sees P pass its grace of 3 challenges, then P is frozen
 * with SIGSTOP. One failed challenge (S's own) is one voice and slashes nothing; once A's failure arrives on {@code
 * hanzo/qos/v1} too, two distinct staked challengers agree and S slashes 1 % of P's operator stake, with the
 * evidence id in the reason. S's second failure in a row, corroborated again by A, slashes 1.5 % (the growth per
 * consecutive failure). S keeps the signed results, which verify offline. After a kill -9 and restart of S neither
 * evidence is slashed again.
 */
class QosSlashIT {
  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void twoStakedChallengersFailuresSlashTheProviderOnce(@TempDir Path tmp) throws Exception {
    try (SlashingNetwork net = SlashingNetwork.start(tmp, Map.of())) {
      RegistryTxs txs = net.txs;
      OperatorHttp httpS = net.httpS;
      OperatorHttp httpA = net.httpA;
      String peerP = net.peerP;
      String peerA = net.peerA;
      String operatorP = net.operatorP;
      net.stopProviderAndFailItFromS();
      assertThat(stake(txs, operatorP)).as("one challenger's word slashes nobody").isEqualTo(STAKE);

      // A's failure is gossiped to S; should the mesh not carry the first one yet, A fails P again (A still
      // counts once: the quorum keeps each challenger's newest failure). S's state shows 1 consecutive failure.
      BigInteger first = share(STAKE, 100);
      BigInteger afterFirst = STAKE.subtract(first);
      failUntilStakeIs(txs, operatorP, httpA, peerP, afterFirst, "S slashes P's operator by 1 %");
      assertThat(slashedTotal(txs)).isEqualTo(first);
      assertThat(net.s.output()).contains("staked peers corroborate failed challenges of " + peerP);

      // The run goes on: S's second failure in a row and a fresh one of A's slash 1.5 times the first share.
      Answer again = challenge(httpS, peerP);
      assertThat(again.body().path("passed").asBoolean()).as(again.toString()).isFalse();
      BigInteger second = share(afterFirst, 150);
      BigInteger afterSecond = afterFirst.subtract(second);
      failUntilStakeIs(txs, operatorP, httpA, peerP, afterSecond, "S slashes P's operator by 1.5 %");
      assertThat(slashedTotal(txs)).isEqualTo(first.add(second));

      // The evidence through the API, newest first, paged, with the slash transactions in the journal.
      await("both slashes journaled as confirmed").atMost(WAIT).until(() -> StreamSupport.stream(
          httpS.get("/v1/qos/providers/" + peerP + "/slashes").body().path("slashes").spliterator(), false)
          .filter(n -> n.path("journalState").asText().equals("CONFIRMED")).count() == 2);
      Answer newest = httpS.get("/v1/qos/providers/" + peerP + "/slashes?limit=1");
      JsonNode second0 = newest.body().path("slashes").get(0);
      assertThat(second0.path("shareBps").asInt()).as(newest.toString()).isEqualTo(150);
      assertThat(second0.path("txHash").asText()).startsWith("0x");
      assertThat(second0.path("challengeIds")).hasSize(2);
      assertThat(StreamSupport.stream(second0.path("challengers").spliterator(), false).map(JsonNode::asText))
          .contains(peerA);
      Answer older = httpS.get("/v1/qos/providers/" + peerP + "/slashes?limit=1&page_token="
          + newest.text("nextPageToken"));
      assertThat(older.body().path("slashes").get(0).path("shareBps").asInt()).as(older.toString()).isEqualTo(100);
      assertThat(older.body().path("nextPageToken").asText()).isEmpty();
      assertThat(httpS.get("/v1/qos/providers/" + peerA + "/slashes").body().path("slashes")).isEmpty();
      assertThat(httpS.get("/v1/qos/providers/" + peerP + "/slashes?limit=501").status()).isEqualTo(400);
      assertThat(httpS.get("/v1/qos/providers/" + peerP + "/slashes?page_token=nope").status()).isEqualTo(400);

      net.s.kill();
      net.nodes.remove(net.s);
      List<QosEvidenceRecord> kept = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.qos().evidences(10));
      assertThat(kept).hasSize(2);
      assertThat(kept).extracting(QosEvidenceRecord::shareBps).as("oldest first").containsExactly(100, 150);
      assertThat(kept.get(1).shareBps() * 2).as("the second slash of the run is 1.5x the first")
          .isEqualTo(kept.get(0).shareBps() * 3);
      for (QosEvidenceRecord evidence : kept) {
        assertThat(evidence.provider()).isEqualTo(peerP);
        assertThat(evidence.operator()).isEqualTo(operatorP);
        assertThat(evidence.reason()).contains(evidence.id());
        assertThat(evidence.resultsBase64()).hasSize(2).allSatisfy(r ->
            assertThat(ResultVerifier.verify(Base64.getDecoder().decode(r)).valid()).isTrue());
        long journaled = IamNodeFixture.withDatabase(tmp.resolve("s"), db -> db.chainTxs().list().stream()
            .filter(t -> t.action().equals(OperatorService.slashAction(evidence.id()))).count());
        assertThat(journaled).isEqualTo(1);
      }

      NodeProcess restarted = net.start(tmp.resolve("s"), net.slasherArgs);
      restarted.awaitReady(WAIT);
      await("after the restart each slash stays single").during(Duration.ofSeconds(3)).atMost(WAIT)
          .until(() -> stake(txs, operatorP).equals(afterSecond) && slashedTotal(txs)
              .equals(first.add(second)));
      assertThat(restarted.output()).doesNotContain("stored before a restart");
    }
  }

  /** {@code bps} basis points of {@code stake}, rounded down as the registry does. */
  static BigInteger share(BigInteger stake, int bps) {
    return stake.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
  }

  /** Has {@code challenger} fail {@code provider} every 2 s until the operator's stake is {@code expected}. */
  static void failUntilStakeIs(RegistryTxs txs, String operator, OperatorHttp challenger, String provider,
      BigInteger expected, String what) {
    await(what).atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
      BigInteger now = stake(txs, operator);
      if (now.equals(expected)) {
        return true;
      }
      assertThat(now).as("never below the expected stake").isGreaterThan(expected);
      Answer failed = challenge(challenger, provider);
      assertThat(failed.body().path("passed").asBoolean()).as(failed.toString()).isFalse();
      return false;
    });
  }

  static BigInteger stake(RegistryTxs txs, String operator) throws Exception {
    return (BigInteger) txs.call(RegistryAbi.getOperator(operator)).get(0).getValue();
  }

  static BigInteger slashedTotal(RegistryTxs txs) throws Exception {
    return (BigInteger) txs.call(new Function("slashedTotal", List.of(),
        List.of(new TypeReference<Uint256>() {}))).get(0).getValue();
  }
}
