package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.testing.RandomCases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The qos column family: scores and challenges survive a reopen, histories page newest first per provider. */
class QosStoreIT extends DatabaseFixture {
  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aChallengeAndTheStateItProducedSurviveAReopen() {
    QosChallengeRecord c = challenge("0a", "12D3KooWprovider", AT, false);
    QosProviderRecord p = provider("12D3KooWprovider", 5, AT.plusSeconds(86400));
    db().qos().record(c, p);
    QosStore reopened = reopen().qos();
    assertThat(reopened.challenge("0a")).contains(c);
    assertThat(reopened.provider("12D3KooWprovider")).contains(p);
    assertThat(reopened.provider("unknown")).isEmpty();
    assertThat(reopened.challenge("unknown")).isEmpty();
  }

  @Test
  void historiesAreNewestFirstPerProviderAndPageByTheLastId() {
    List<String> expectedA = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String provider = i % 2 == 0 ? "peerA" : "peerB";
      String id = String.format("%02d", i);
      db().qos().record(challenge(id, provider, AT.plusSeconds(i), i % 3 == 0), provider(provider, 0, null));
      if (provider.equals("peerA")) {
        expectedA.add(0, id);
      }
    }
    QosStore store = reopen().qos();
    assertThat(store.history("peerA", null, 100)).extracting(QosChallengeRecord::id).isEqualTo(expectedA);
    List<QosChallengeRecord> first = store.history("peerA", null, 2);
    assertThat(first).extracting(QosChallengeRecord::id).containsExactly("06", "04");
    assertThat(store.history("peerA", "04", 2)).extracting(QosChallengeRecord::id).containsExactly("02", "00");
    assertThat(store.history("peerA", "00", 2)).isEmpty();
    assertThat(store.challenges(null, 3)).extracting(QosChallengeRecord::id).containsExactly("06", "05", "04");
    assertThat(store.challenges("04", 10)).extracting(QosChallengeRecord::id)
        .containsExactly("03", "02", "01", "00");
    assertThat(store.history("peer", null, 10)).as("a provider whose name prefixes another's").isEmpty();
  }

  @Test
  void challengesOlderThanTheAuditRetentionArePrunedWithTheirIndexesAndProviderStatesStay() {
    Instant cutoff = START.plus(Duration.ofDays(1));
    int old = 2_345; // more than one prune batch
    for (int i = 0; i < old; i++) {
      String provider = i % 2 == 0 ? "peerA" : "peerB";
      db().qos().record(challenge("o" + i, provider, cutoff.minusMillis(old - i), false),
          provider(provider, 0, null));
    }
    db().qos().record(challenge("atCutoff", "peerA", cutoff, true), provider("peerA", 0, null));
    db().qos().record(challenge("new", "peerB", cutoff.plusSeconds(60), true), provider("peerB", 0, null));

    clock.advance(Duration.ofDays(30));
    db().retention().runOnce();
    assertThat(db().qos().challenges(null, 10_000)).as("nothing is older than 30 days yet")
        .hasSize(old + 2);
    clock.advance(Duration.ofDays(1));
    db().retention().runOnce();

    QosStore store = reopen().qos();
    assertThat(store.challenges(null, 10_000)).extracting(QosChallengeRecord::id)
        .containsExactly("new", "atCutoff");
    assertThat(store.history("peerA", null, 10_000)).extracting(QosChallengeRecord::id).containsExactly("atCutoff");
    assertThat(store.history("peerB", null, 10_000)).extracting(QosChallengeRecord::id).containsExactly("new");
    assertThat(store.challenge("o0")).isEmpty();
    assertThat(store.challenge("o" + (old - 1))).isEmpty();
    assertThat(store.provider("peerA")).isPresent();
    assertThat(store.provider("peerB")).isPresent();
  }

  @Test
  void evidenceSurvivesAReopenMarksItsChallengesUsedAndIsPrunedWithTheRetention() {
    Instant cutoff = START.plus(Duration.ofDays(1));
    QosEvidenceRecord old = evidence("e1", cutoff.minusSeconds(1), List.of("c1", "c2"));
    QosEvidenceRecord kept = evidence("e2", cutoff.plusSeconds(60), List.of("c3", "c4"));
    db().qos().putEvidence(old);
    db().qos().putEvidence(kept);
    QosStore store = reopen().qos();
    assertThat(store.evidence("e1")).contains(old);
    assertThat(store.evidenceOfChallenge("c2")).contains("e1");
    assertThat(store.evidenceOfChallenge("c9")).isEmpty();
    assertThat(store.evidences(10)).containsExactly(old, kept);

    clock.advance(Duration.ofDays(31));
    db().retention().runOnce();
    store = reopen().qos();
    assertThat(store.evidences(10)).containsExactly(kept);
    assertThat(store.evidencesOf("12D3KooWprovider", null, 10)).containsExactly(kept);
    assertThat(store.evidence("e1")).isEmpty();
    assertThat(store.evidenceOfChallenge("c1")).isEmpty();
    assertThat(store.evidenceOfChallenge("c3")).contains("e2");
  }

  @Test
  void evidenceIsBounded() {
    assertThatThrownBy(() -> evidence("e", AT, List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")))
        .hasMessageContaining("1 to 8");
    assertThatThrownBy(() -> new QosEvidenceRecord("e", "p", "0x00", "r", AT, List.of("c"),
        List.of("A".repeat(QosEvidenceRecord.MAX_RESULT + 1)), 100)).hasMessageContaining("at most");
    assertThatThrownBy(() -> new QosEvidenceRecord("e", "p", "0x00", "r".repeat(300), AT, List.of("c"),
        List.of("AAAA"), 100)).hasMessageContaining("at most");
    assertThatThrownBy(() -> new QosEvidenceRecord("e", "p", "0x00", "r", AT, List.of("c"), List.of("AAAA"), 0))
        .hasMessageContaining("1 to 10000");
  }

  @Test
  void aProvidersEvidencePagesNewestFirstAndOtherProvidersStayApart() {
    for (int i = 0; i < 5; i++) {
      db().qos().putEvidence(evidence("e" + i, AT.plusSeconds(i), List.of("c" + i)));
    }
    db().qos().putEvidence(new QosEvidenceRecord("x", "12D3KooWother", "0x00", "r", AT, List.of("cx"),
        List.of("AAAA"), 150));
    QosStore store = reopen().qos();
    assertThat(store.evidencesOf("12D3KooWprovider", null, 2)).extracting(QosEvidenceRecord::id)
        .containsExactly("e4", "e3");
    assertThat(store.evidencesOf("12D3KooWprovider", "e3", 10)).extracting(QosEvidenceRecord::id)
        .containsExactly("e2", "e1", "e0");
    assertThat(store.evidencesOf("12D3KooWprovider", "x", 10)).as("another provider's id").isEmpty();
    assertThat(store.evidencesOf("12D3KooWprovider", "unknown", 10)).isEmpty();
    assertThat(store.evidencesOf("12D3KooWother", null, 10)).extracting(QosEvidenceRecord::shareBps)
        .containsExactly(150);
  }

  @Test
  void versionOneEvidenceReadsAsTheFixedBaseShare() {
    QosEvidenceRecord e = evidence("e", AT, List.of("c1"));
    byte[] v1 = new RecordWriter(1).writeString(e.id()).writeString(e.provider()).writeString(e.operator())
        .writeString(e.reason()).writeInstant(e.createdAt()).writeStringList(e.challengeIds())
        .writeStringList(e.resultsBase64()).toByteArray();
    assertThat(new QosRecordCodecs.Evidence().decode(v1).shareBps()).isEqualTo(QosEvidenceRecord.V1_SHARE_BPS);
    QosEvidenceRecord grown = new QosEvidenceRecord("e", "p", "0x00", "r", AT, List.of("c"), List.of("AAAA"), 337);
    QosRecordCodecs.Evidence codec = new QosRecordCodecs.Evidence();
    assertThat(codec.decode(codec.encode(grown))).isEqualTo(grown);
  }

  @Test
  void storedStringsAreBounded() {
    assertThatThrownBy(() -> challenge("x".repeat(300), "p", AT, true)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new QosChallengeRecord("id", "latency", "p", "c", 0, AT, AT, false, "f".repeat(5000), 0, 0, 0, AT,
        null).failure()).hasSize(QosChallengeRecord.MAX_FAILURE);
    assertThatThrownBy(() -> new QosChallengeRecord("id", "latency", "p", "c", 0, AT, AT, true, "", 0, 0, 0, AT,
        "A".repeat(5000))).hasMessageContaining("at most");
    assertThat(provider("p", 0, null).banReason()).isEmpty();
  }

  @Test
  void theCodecsRoundTrip() {
    QosRecordCodecs.Provider providers = new QosRecordCodecs.Provider();
    QosRecordCodecs.Challenge challenges = new QosRecordCodecs.Challenge();
    RandomCases.forAll(300, g -> {
      QosProviderRecord p = new QosProviderRecord(g.key(), g.nextDouble(), g.nextDouble(), g.nextDouble(),
          g.nextDouble(), g.nextDouble(), g.nextDouble(), g.nextDouble(), g.nextGaussian(), g.anyLong(),
          g.anyLong(), g.nextInt(), g.nextDouble(), g.orNull(g.instant()), g.nextBoolean(), g.text(),
          g.nextDouble(), g.nextDouble(), g.instant());
      assertThat(providers.decode(providers.encode(p))).isEqualTo(p);
      QosChallengeRecord c = new QosChallengeRecord(g.key(), g.text(), g.text(), g.text(), g.anyLong(),
          Instant.ofEpochMilli(g.nextInt(Integer.MAX_VALUE)), g.instant(), g.nextBoolean(), g.text(), g.anyLong(),
          g.anyLong(), g.anyLong(), g.instant(), g.orNull(g.text()));
      assertThat(challenges.decode(challenges.encode(c))).isEqualTo(c);
    });
  }

  private static QosChallengeRecord challenge(String id, String provider, Instant at, boolean passed) {
    return new QosChallengeRecord(id, "availability", provider, "12D3KooWchallenger", 0, at, at.plusSeconds(10),
        passed, passed ? "" : "no answer before the deadline", 1_000_000, 0, 0, at.plusMillis(5),
        passed ? "AAAA" : null);
  }

  private static QosEvidenceRecord evidence(String id, Instant at, List<String> challenges) {
    return new QosEvidenceRecord(id, "12D3KooWprovider", "0x" + "ab".repeat(20), "qos: failures; evidence " + id,
        at, challenges, challenges.stream().map(c -> "AAAA" + c).toList(), 100);
  }

  private static QosProviderRecord provider(String provider, int consecutive, Instant bannedUntil) {
    return new QosProviderRecord(provider, 1, 0.5, 1, 0.4, 0.9, 0.7, 0.6, -0.1, 12, 6, consecutive, 0.05,
        bannedUntil, false, bannedUntil == null ? "" : "5 consecutive failed challenges", 3.5, 0.2, AT);
  }
}
