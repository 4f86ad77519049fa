package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProviderState;
import ai.hanzo.node.qos.ScoreRules;
import ai.hanzo.node.storage.QosChallengeRecord;
import ai.hanzo.node.storage.QosStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * This node as a challenger: runs a challenge, scores its outcome with {@link ScoreRules} and stores both. Outcomes
 * are scored and written on one thread of its own, so two challenges of one provider never race on its state and
 * RocksDB never runs on an event loop.
 */
public final class QosService implements AutoCloseable {
  private final QosChallenger challenger;
  private final QosStore store;
  private final Clock clock;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "qos-scores");
    t.setDaemon(true);
    return t;
  });

  public QosService(QosChallenger challenger, QosStore store, Clock clock) {
    this.challenger = challenger;
    this.store = store;
    this.clock = clock;
  }

  /** A run and the provider's state after it. */
  public record Scored(ChallengeRun run, ProviderState state) { }

  /**
   * Challenges {@code provider} and stores the outcome; the future completes after the write, off the event loop.
   * A difficulty or window out of range throws at once.
   */
  public CompletableFuture<Scored> challenge(ChallengeType type, PeerId provider, long difficulty,
      Duration window) {
    return challenger.run(type, provider, difficulty, window).thenApplyAsync(run -> {
      String id = provider.toString();
      ProviderState before = state(id).orElseGet(() -> ProviderState.fresh(id, clock.instant()));
      ProviderState after = ScoreRules.apply(before, run.outcome());
      store.record(QosRecords.toRecord(run), QosRecords.toRecord(after));
      return new Scored(run, after);
    }, writer);
  }

  /** Blocking (RocksDB): call off the event loop. */
  public Optional<ProviderState> state(String provider) {
    return store.provider(provider).map(QosRecords::toState);
  }

  /** Blocking (RocksDB): call off the event loop. */
  public Optional<QosChallengeRecord> challengeRecord(String id) {
    return store.challenge(id);
  }

  /** Blocking (RocksDB): call off the event loop. */
  public List<QosChallengeRecord> challenges(String afterId, int limit) {
    return store.challenges(afterId, limit);
  }

  /** Blocking (RocksDB): call off the event loop. */
  public List<QosChallengeRecord> history(String provider, String afterId, int limit) {
    return store.history(provider, afterId, limit);
  }


  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
