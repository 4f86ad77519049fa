package ai.hanzo.node.p2p.qos;

import ai.hanzo.node.config.QosSampling;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.protocol.P2pProtocol;
import ai.hanzo.node.p2p.protocol.ProtocolContext;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ModelRunner;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.storage.QosStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code /hanzo/qos/1.0.0} on a node: answers challenges, challenges others ({@link #service()}), gossips the
 * signed result of every challenge it runs on {@code hanzo/qos/v1}, folds the verified results of others into its
 * scores, and samples its peers on the configured schedule.
 */
public final class QosPeerProtocol implements P2pProtocol {
  /** Challenges answered and not yet past their deadline: 30 a minute from each of many peers, 5 min at most. */
  private static final int OPEN_CHALLENGES = 100_000;

  private final QosCodec codec;
  private final QosStore store;
  private final ModelRunner models;
  private final QosSampling sampling;
  private volatile Consumer<SignedResult> results = r -> { };
  private volatile QosServer server;
  private volatile QosService service;
  private QosSampler sampler;

  /**
   * @param models the models this node serves: it answers model challenges of them and issues model challenges for
   *     them (checking the answers by running the same prompts); {@link ModelRunner#NONE} for none
   */
  public QosPeerProtocol(QosCodec codec, QosStore store, ModelRunner models, QosSampling sampling) {
    this.codec = codec;
    this.store = store;
    this.models = models;
    this.sampling = sampling;
  }

  /**
   * Hands {@code listener} every QoS result this node knows to be genuine: its own (as it signs them) and those of
   * others accepted on {@code hanzo/qos/v1} (verified, fresh, first seen), failures included; on a p2p thread, so
   * the listener must not block. Call before the node starts.
   */
  public void onResult(Consumer<SignedResult> listener) {
    this.results = listener;
  }

  @Override
  public void start(ProtocolContext context) {
    Clock clock = context.clock();
    server = new QosServer(context.host(), new ChallengeResponder(context.key(), clock,
        new ReplayGuard(clock, OPEN_CHALLENGES), models),
        new PeerRateLimit(clock, QosLimits.PER_PEER_PER_MINUTE, Duration.ofMinutes(1)), codec);
    server.start();
    QosService started = new QosService(new QosChallenger(context.host(), new QosClient(context.host(), codec),
        new ChallengeIssuer(context.key(), clock, new SecureRandom()), clock, models), store, clock);
    QosGossip gossip = new QosGossip(context.gossip(), clock);
    String self = context.self().toString();
    started.onScored(run -> {
      SignedResult signed = SignedResult.sign(run.challenge(), run.proof(), run.outcome(), clock.instant(),
          context.key());
      gossip.publish(signed);
      results.accept(signed);
    });
    gossip.start(result -> {
      started.fold(result, self);
      results.accept(result);
    }, context.scheduler());
    service = started;
    // Model challenges only for models this node serves too: it checks an answer by running the same prompt.
    sampler = new QosSampler(context.host(), started, sampling, context.scheduler(), new SecureRandom(),
        peer -> context.announcedModels().apply(peer).stream().filter(models::serves).distinct().sorted().toList());
    sampler.start();
  }

  /** This node as a challenger of others; null before start. */
  public QosService service() {
    return service;
  }

  /**
   * Answers, as the provider, a challenge that came by the API instead of {@code /hanzo/qos/1.0.0}; fails with
   * UNAVAILABLE before start.
   */
  public CompletableFuture<QosAnswer> answer(SignedChallenge challenge) {
    QosServer s = server;
    if (s == null) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.UNAVAILABLE,
          "this node does not answer qos challenges yet"));
    }
    return s.answer(challenge);
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.close();
    }
    server.close();
    service.close();
  }
}
