package ai.hanzo.node.p2p.qos;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.config.QosSampling;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.QosLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Challenges a random sample of the connected peers that speak {@code /hanzo/qos/1.0.0}, round after round: each
 * round waits the configured interval jittered to 0.5x-1.5x, then runs at most {@code peers} challenges one after
 * the other (availability, latency or compute at the default difficulty, chosen at random; and model, of {@value
 * QosLimits#DEFAULT_MODEL_TOKENS} tokens, when the peer announces a model this node serves too, as this node checks
 * a model answer by running the same prompt), so the work a round asks of this node and of the network is bounded:
 * one challenge per sampled peer per round, whatever its type, and a provider's own rate limit is never
 * approached. {@link QosService} scores and stores each outcome and hands it on to be gossiped.
 */
public final class QosSampler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QosSampler.class);
  /** Bandwidth is left out: it spends megabytes of both nodes' traffic, which an operator asks for by hand. */
  static final List<ChallengeType> SAMPLED = List.of(ChallengeType.AVAILABILITY, ChallengeType.LATENCY,
      ChallengeType.COMPUTE);
  /** A model challenge may have to load the model on both sides first: it gets longer than the others' default. */
  static final java.time.Duration MODEL_WINDOW = java.time.Duration.ofSeconds(60);

  private final Host host;
  private final QosService service;
  private final QosSampling settings;
  private final ScheduledExecutorService scheduler;
  private final Random random;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> next;
  private final Function<PeerId, List<String>> sharedModels;

  public QosSampler(Host host, QosService service, QosSampling settings, ScheduledExecutorService scheduler,
      Random random) {
    this(host, service, settings, scheduler, random, peer -> List.of());
  }

  /**
   * @param sharedModels the models a peer announced that this node serves too (quick, from memory): the models it
   *     may be sampled with
   */
  public QosSampler(Host host, QosService service, QosSampling settings, ScheduledExecutorService scheduler,
      Random random, Function<PeerId, List<String>> sharedModels) {
    this.sharedModels = sharedModels;
    this.host = host;
    this.service = service;
    this.settings = settings;
    this.scheduler = scheduler;
    this.random = random;
  }

  public void start() {
    if (settings.on()) {
      scheduleNext();
    }
  }

  private void scheduleNext() {
    if (closed) {
      return;
    }
    long interval = settings.interval().toMillis();
    long delay = interval / 2 + (long) (random.nextDouble() * interval);
    next = scheduler.schedule(this::round, delay, TimeUnit.MILLISECONDS);
  }

  /** One round; the next is scheduled when its last challenge ended, so rounds never overlap. */
  void round() {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    try {
      for (PeerId peer : sample()) {
        chain = chain.thenCompose(v -> challenge(peer));
      }
    } catch (RuntimeException e) {
      log.warn("A qos sampling round failed to start: {}", e.toString());
    }
    chain.whenComplete((v, e) -> scheduleNext());
  }

  /** Up to {@code peers} distinct connected peers that announced the QoS protocol, in random order. */
  List<PeerId> sample() {
    List<PeerId> candidates = new ArrayList<>(host.connectionManager().connections().stream()
        .map(Connection::remotePeer).distinct()
        .filter(p -> !p.equals(host.peerId()) && host.peerStore().protocols(p).contains(QosProtocol.ID))
        .toList());
    Collections.shuffle(candidates, random);
    return candidates.subList(0, Math.min(settings.peers(), candidates.size()));
  }

  private CompletableFuture<Void> challenge(PeerId peer) {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> models = sharedModels.apply(peer);
    int choices = SAMPLED.size() + (models.isEmpty() ? 0 : 1);
    int pick = random.nextInt(choices);
    ChallengeType type = pick < SAMPLED.size() ? SAMPLED.get(pick) : ChallengeType.MODEL;
    String model = type == ChallengeType.MODEL ? models.get(random.nextInt(models.size())) : "";
    long difficulty = switch (type) {
      case COMPUTE -> QosLimits.DEFAULT_COMPUTE_BITS;
      case MODEL -> QosLimits.DEFAULT_MODEL_TOKENS;
      default -> 0;
    };
    try {
      return service.challenge(type, peer, difficulty, model,
          type == ChallengeType.MODEL ? MODEL_WINDOW : QosLimits.DEFAULT_WINDOW).handle((scored, error) -> {
        if (error != null) {
          log.debug("Sampling {} with a {} challenge failed: {}", peer, type.label(), error.toString());
        } else {
          log.debug("Sampled {} ({}): {}", peer, type.label(), scored.run().outcome().passed() ? "passed"
              : scored.run().outcome().failure());
        }
        return null;
      });
    } catch (RuntimeException e) {
      log.debug("Sampling {} failed: {}", peer, e.toString());
      return CompletableFuture.completedFuture(null);
    }
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> pending = next;
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
