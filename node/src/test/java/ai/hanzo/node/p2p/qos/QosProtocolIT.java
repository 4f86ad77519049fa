package ai.hanzo.node.p2p.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.qos.wire.ProtoQosCodec;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.SignedChallenge;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /hanzo/qos/1.0.0} between two real libp2p hosts over TCP on loopback (Noise, Yamux): each challenge type
 * passes and its proof verifies from its bytes; a replayed challenge and one past the rate limit are refused.
 */
class QosProtocolIT {
  private static final ProtoQosCodec CODEC = new ProtoQosCodec();

  @Test
  void everyTypePassesAndReplaysAndFloodsAreRefused() throws Exception {
    Clock clock = Clock.systemUTC();
    Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    try (Host provider = new Host(HostConfig.defaults(providerKey));
        Host challenger = new Host(HostConfig.defaults(challengerKey))) {
      Multiaddr address = provider.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      challenger.peerStore().addAddresses(provider.peerId(), List.of(address));
      int perMinute = 6;
      try (QosServer server = new QosServer(provider, new ChallengeResponder(providerKey, clock,
          new ReplayGuard(clock, 1000)), new PeerRateLimit(clock, perMinute, Duration.ofMinutes(1)), CODEC)) {
        server.start();
        QosClient client = new QosClient(challenger, CODEC);
        ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new SecureRandom());
        QosChallenger runner = new QosChallenger(challenger, client, issuer, clock);

        for (ChallengeType type : ChallengeType.values()) {
          if (type == ChallengeType.MODEL) {
            continue; // needs a model on both ends: QosModelIT
          }
          long difficulty = type == ChallengeType.COMPUTE ? 12 : type == ChallengeType.BANDWIDTH ? 256 * 1024 : 0;
          ChallengeRun run = runner.run(type, provider.peerId(), difficulty, Duration.ofSeconds(20))
              .get(30, TimeUnit.SECONDS);
          assertThat(run.outcome().passed()).as("%s: %s", type, run.outcome().failure()).isTrue();
          assertThat(ProofVerifier.verify(run.proof().orElseThrow().toBytes()).valid()).isTrue();
          if (type == ChallengeType.LATENCY) {
            assertThat(run.outcome().pingRtt()).isPositive();
          }
          if (type == ChallengeType.BANDWIDTH) {
            assertThat(run.outcome().bytesPerSecond()).isPositive();
          }
        }

        SignedChallenge once = issuer.issue(ChallengeType.AVAILABILITY, provider.peerId().toString(), 0,
            QosLimits.DEFAULT_WINDOW);
        assertThat(client.send(provider.peerId(), once, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
            .isInstanceOf(QosAnswer.Proof.class);
        assertThat(client.send(provider.peerId(), once, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
            .isInstanceOfSatisfying(QosAnswer.Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));

        // 4 runs + 2 sends so far: the limit of 6 a minute is reached.
        SignedChallenge flood = issuer.issue(ChallengeType.AVAILABILITY, provider.peerId().toString(), 0,
            QosLimits.DEFAULT_WINDOW);
        assertThat(client.send(provider.peerId(), flood, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
            .isInstanceOfSatisfying(QosAnswer.Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED));
      }
    }
  }

  @Test
  void aPeerHasOneComputeChallengeInFlightAtATimeAndOthersWait() throws Exception {
    Clock clock = Clock.systemUTC();
    Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    CountDownLatch release = new CountDownLatch(1);
    // The answering threads wait until released, so the first compute challenge is surely still in flight.
    ThreadPoolExecutor held = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32)) {
      @Override
      public void execute(Runnable task) {
        super.execute(() -> {
          try {
            if (release.await(30, TimeUnit.SECONDS)) {
              task.run();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
    };
    try (Host provider = new Host(HostConfig.defaults(providerKey));
        Host challenger = new Host(HostConfig.defaults(challengerKey));
        QosServer server = new QosServer(provider, new ChallengeResponder(providerKey, clock,
            new ReplayGuard(clock, 1000)), new PeerRateLimit(clock, 100, Duration.ofMinutes(1)), CODEC, held)) {
      Multiaddr address = provider.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      challenger.peerStore().addAddresses(provider.peerId(), List.of(address));
      server.start();
      QosClient client = new QosClient(challenger, CODEC);
      ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new SecureRandom());
      String to = provider.peerId().toString();
      Duration window = Duration.ofSeconds(30);

      CompletableFuture<QosAnswer> first = client.send(provider.peerId(),
          issuer.issue(ChallengeType.COMPUTE, to, 4, window), window);
      CompletableFuture<QosAnswer> availability = client.send(provider.peerId(),
          issuer.issue(ChallengeType.AVAILABILITY, to, 0, window), window);
      // The dial, Noise handshake and both streams come first: on a loaded 2-core CI machine that took over 10 s.
      await().atMost(Duration.ofSeconds(60)).until(() -> held.getQueue().size() + held.getActiveCount() == 2);
      QosAnswer second = client.send(provider.peerId(), issuer.issue(ChallengeType.COMPUTE, to, 4, window), window)
          .get(10, TimeUnit.SECONDS);
      assertThat(second).isInstanceOfSatisfying(QosAnswer.Refusal.class, r -> {
        assertThat(r.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(r.message()).contains("still working on 1 challenge");
      });
      assertThat(first).isNotDone();

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(QosAnswer.Proof.class);
      assertThat(availability.get(10, TimeUnit.SECONDS)).as("not compute work: not capped")
          .isInstanceOf(QosAnswer.Proof.class);
      assertThat(client.send(provider.peerId(), issuer.issue(ChallengeType.COMPUTE, to, 4, window), window)
          .get(10, TimeUnit.SECONDS)).as("the first answered, the next is taken").isInstanceOf(QosAnswer.Proof.class);
    }
  }

  @Test
  void aProviderThatNeverAnswersTimesOutAndItsStreamIsReset() throws Exception {
    Clock clock = Clock.systemUTC();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    try (Host provider = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
        Host challenger = new Host(HostConfig.defaults(challengerKey))) {
      Multiaddr address = provider.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      challenger.peerStore().addAddresses(provider.peerId(), List.of(address));
      CountDownLatch received = new CountDownLatch(1);
      CountDownLatch reset = new CountDownLatch(1);
      // A provider that reads the challenge and never answers, as a frozen one would.
      provider.addProtocolHandler(QosProtocol.ID, () -> new StreamHandler() {
        @Override
        public void onData(MuxedStream stream, ByteBuf data) {
          data.release();
          received.countDown();
        }

        @Override
        public void onReset(MuxedStream stream) {
          reset.countDown();
        }
      });
      QosChallenger runner = new QosChallenger(challenger, new QosClient(challenger, CODEC),
          new ChallengeIssuer(challengerKey, clock, new SecureRandom()), clock);
      ChallengeRun run = runner.run(ChallengeType.AVAILABILITY, provider.peerId(), 0, Duration.ofMillis(500))
          .get(10, TimeUnit.SECONDS);
      assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(run.outcome().passed()).isFalse();
      assertThat(run.outcome().failure()).contains("no answer before the deadline");
      assertThat(run.proof()).isEmpty();
      assertThat(reset.await(10, TimeUnit.SECONDS)).as("the challenger reset the stream").isTrue();
    }
  }
}
