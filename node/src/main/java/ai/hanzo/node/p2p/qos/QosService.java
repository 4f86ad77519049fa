package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProviderState;
import ai.hanzo.node.qos.ScoreRules;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.storage.QosChallengeRecord;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.storage.QosStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node as a challenger: runs a challenge, scores its outcome with {@link ScoreRules} and stores both, then
 * hands the run to a listener (which gossips it). It also folds the verified results other nodes report
 * ({@link #fold}). Outcomes are scored and written on one thread of its own, so two challenges of one provider
 * never race on its state and RocksDB never runs on an event loop.
 */
public final class QosService implements AutoCloseable {
  private final QosChallenger challenger;
  private final QosStore store;
  private final Clock clock;
  private volatile Consumer<ChallengeRun> onScored = run -> { };
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
    return challenge(type, provider, difficulty, "", window);
  }

  /** {@link #challenge(ChallengeType, PeerId, long, Duration)} naming the model of a model challenge. */
  public CompletableFuture<Scored> challenge(ChallengeType type, PeerId provider, long difficulty, String model,
      Duration window) {
    return challenger.run(type, provider, difficulty, model, window).thenApplyAsync(run -> {
      String id = provider.toString();
      ProviderState before = state(id).orElseGet(() -> ProviderState.fresh(id, clock.instant()));
      ProviderState after = ScoreRules.apply(before, run.outcome());
      store.record(QosRecords.toRecord(run), QosRecords.toRecord(after));
      onScored.accept(run);
      return new Scored(run, after);
    }, writer);
  }

  /** Called with every run this node scored, on the writing thread; must not block. */
  public void onScored(Consumer<ChallengeRun> listener) {
    this.onScored = listener;
  }

  /**
   * Folds a result another node reported (already checked with {@link ai.hanzo.node.qos.ResultVerifier}) into
   * the provider's state, once per challenge. Only passes count: the provider's signature proves a pass, while a
   * failure is only its reporter's word, and one node's word must not slash or ban a provider elsewhere. Results
   * on this node itself ({@code self}) are not folded either. Completes with the state after, or empty when the
   * result was not folded.
   */
  public CompletableFuture<Optional<ProviderState>> fold(SignedResult result, String self) {
    return CompletableFuture.supplyAsync(() -> {
      String provider = result.challenge().challenge().provider();
      if (!result.passed() || provider.equals(self)
          || store.challenge(result.challenge().challenge().id()).isPresent()) {
        return Optional.<ProviderState>empty();
      }
      ChallengeRun run = new ChallengeRun(result.challenge(), result.proof(), result.outcome());
      ProviderState before = state(provider).orElseGet(() -> ProviderState.fresh(provider, clock.instant()));
      ProviderState after = ScoreRules.apply(before, run.outcome());
      store.record(QosRecords.toRecord(run), QosRecords.toRecord(after));
      return Optional.of(after);
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

  /** The slash evidence stored for {@code provider}, newest first. Blocking (RocksDB): call off the event loop. */
  public List<QosEvidenceRecord> slashes(String provider, String afterId, int limit) {
    return store.evidencesOf(provider, afterId, limit);
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
