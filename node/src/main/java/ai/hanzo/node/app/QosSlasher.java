package ai.hanzo.node.app;

import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.chain.PeerStake;
import ai.hanzo.node.chain.PeerStakes;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.qos.FailureQuorum;
import ai.hanzo.node.qos.ScoreRules;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.qos.SlashEvidence;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.storage.QosProviderRecord;
import ai.hanzo.node.storage.QosStore;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as the registry's slasher ({@code --qos-slash-quorum K}): every genuine QoS result it knows (its own
 * and those gossiped on {@code hanzo/qos/v1}) goes through a {@link FailureQuorum}, counting only challengers the
 * registry shows staked; once K of them failed the same provider, the evidence (their signed results) is stored
 * and the provider's operator slashed through the operator service's transaction sender.
 *
 * <p>The share grows with the provider's consecutive failures as this node's QoS state keeps them ({@link
 * ScoreRules#corroboratedSlashBps}: 1 % x 1.5 per consecutive failure, at most 10 %, in whole basis points), and
 * nothing is slashed while the provider is in its grace of {@value ScoreRules#GRACE} challenges. The state lives in
 * RocksDB and the share is stored with the evidence, so a restart neither resets the growth nor changes the share
 * of a slash decided before it.
 *
 * <p>Never twice for the same evidence: a result already used by stored evidence is not counted again; evidence
 * is stored before its slash is sent, and the slash's transaction is journaled (under an action naming the
 * evidence) before it is broadcast; at start, stored evidence whose slash never reached the journal (a crash in
 * between) is slashed then, and a journaled one is left to the sender, which resumes it. Everything runs on one
 * thread of its own, so two results never race on the quorum or the store, and no p2p thread waits for RocksDB or
 * the chain.
 */
final class QosSlasher implements AutoCloseable {
  /** Stored evidence looked at after a restart: far more than a node slashes in a retention period. */
  private static final int RESUMED = 10_000;
  private static final Logger log = LoggerFactory.getLogger(QosSlasher.class);

  private final FailureQuorum quorum;
  private final QosStore store;
  private final PeerStakes stakes;
  private final OperatorService operators;
  private final Clock clock;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "qos-slasher");
    t.setDaemon(true);
    return t;
  });

  QosSlasher(FailureQuorum quorum, QosStore store, PeerStakes stakes, OperatorService operators, Clock clock) {
    this.quorum = quorum;
    this.store = store;
    this.stakes = stakes;
    this.operators = operators;
    this.clock = clock;
  }

  /** Sends the slashes of stored evidence that never reached the journal; call once the operator service runs. */
  void start() {
    submit(() -> {
      for (QosEvidenceRecord evidence : store.evidences(RESUMED)) {
        store.indexEvidence(evidence);
        if (!operators.slashJournaled(evidence.id())) {
          log.info("Slashing for evidence {} stored before a restart", evidence.id());
          slash(evidence);
        }
      }
    });
  }

  /** A genuine result (own or verified gossip); returns at once. */
  void heard(SignedResult result) {
    if (result.passed()) {
      return;
    }
    submit(() -> {
      String challenge = result.challenge().challenge().id();
      if (store.evidenceOfChallenge(challenge).isPresent()) {
        return;
      }
      String challenger = result.challenge().challenge().challenger();
      // Blocking on the stakes thread is fine here: this thread is the slasher's own.
      PeerStake stake = stakes.lookup(challenger).join();
      if (!stake.staked()) {
        log.debug("Not counting the failure reported by {}: it is not staked", challenger);
        return;
      }
      quorum.add(result).ifPresent(this::corroborated);
    });
  }

  private void corroborated(SlashEvidence evidence) {
    String id = evidence.id();
    if (store.evidence(id).isPresent()) {
      return;
    }
    PeerStake provider = stakes.lookup(evidence.provider()).join();
    if (!provider.bound()) {
      log.warn("{} staked peers corroborate failures of {}, but the registry binds it to no operator: nothing to"
          + " slash", evidence.results().size(), evidence.provider());
      return;
    }
    // The state is written before the result reaches this thread (the scores thread hands it on after the write).
    QosProviderRecord seen = store.provider(evidence.provider()).orElse(null);
    OptionalInt share = seen == null ? ScoreRules.corroboratedSlashBps(0, 0)
        : ScoreRules.corroboratedSlashBps(seen.challenges(), seen.consecutiveFailures());
    if (share.isEmpty()) {
      log.info("{} staked peers corroborate failures of {}, but it is still in its grace of {} challenges: no"
          + " slash", evidence.results().size(), evidence.provider(), ScoreRules.GRACE);
      return;
    }
    QosEvidenceRecord record = new QosEvidenceRecord(id, evidence.provider(), provider.operator(),
        evidence.reason(), clock.instant(), evidence.challengeIds(), evidence.results().stream()
        .map(r -> Base64.getEncoder().encodeToString(r.toBytes())).toList(), share.getAsInt());
    store.putEvidence(record);
    CrashPoint.reached(CrashPoint.QOS_EVIDENCE_STORED);
    log.warn("{} staked peers corroborate failed challenges of {} (operator {}, {} consecutive): slashing {} bps,"
        + " evidence {}", evidence.results().size(), evidence.provider(), provider.operator(),
        seen.consecutiveFailures(), record.shareBps(), id);
    slash(record);
  }

  private void slash(QosEvidenceRecord evidence) {
    try {
      operators.slash(evidence.operator(), evidence.shareBps(), evidence.reason(), evidence.id()).whenComplete((tx, e) -> {
        if (e != null) {
          log.warn("The slash for evidence {} was not sent: {}", evidence.id(), e.getMessage());
        } else {
          log.info("Slash for evidence {} sent: transaction {}", evidence.id(), tx.journaled().hash());
        }
      });
    } catch (NodeException e) {
      log.warn("The slash for evidence {} was not sent: {}", evidence.id(), e.getMessage());
    }
  }

  private void submit(Runnable task) {
    try {
      thread.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("QoS slashing failed: {}", e.toString());
        }
      });
    } catch (RejectedExecutionException stopping) {
      // The node is stopping; what was stored is resumed at the next start.
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
