package ai.hanzo.bench.qos;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.p2p.qos.ChallengeRun;
import ai.hanzo.node.p2p.qos.QosChallenger;
import ai.hanzo.node.p2p.qos.QosClient;
import ai.hanzo.node.p2p.qos.QosServer;
import ai.hanzo.node.p2p.qos.wire.ProtoQosCodec;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.ReplayGuard;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The round trip of each challenge type, one at a time, between two real libp2p hosts (TCP, Noise, Yamux) on
 * loopback in one JVM: the challenger issues and signs, measures (ping for latency, perf for bandwidth), sends,
 * the provider checks, works and signs, the challenger verifies. Availability is the anchor: the protocol's fixed
 * cost, which the other types add their measurement or work to. Prints a Markdown table.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.qos.QosRoundTripBench [runs] [warmup]}
 */
public final class QosRoundTripBench {
  private record Case(String name, ChallengeType type, long difficulty) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    List<Case> cases = List.of(
        new Case("availability", ChallengeType.AVAILABILITY, 0),
        new Case("latency (ping first)", ChallengeType.LATENCY, 0),
        new Case("compute, 8 bits", ChallengeType.COMPUTE, 8),
        new Case("compute, 16 bits (default)", ChallengeType.COMPUTE, 16),
        new Case("bandwidth, 64 KiB each way", ChallengeType.BANDWIDTH, 64 * 1024),
        new Case("bandwidth, 1 MiB each way (default)", ChallengeType.BANDWIDTH, 1 << 20));
    Clock clock = Clock.systemUTC();
    Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    ProtoQosCodec codec = new ProtoQosCodec();
    try (Host provider = new Host(HostConfig.defaults(providerKey));
        Host challenger = new Host(HostConfig.defaults(challengerKey))) {
      Multiaddr address = provider.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      challenger.peerStore().addAddresses(provider.peerId(), List.of(address));
      // No rate limit to speak of: the bench is the only challenger.
      try (QosServer server = new QosServer(provider, new ChallengeResponder(providerKey, clock,
          new ReplayGuard(clock, 1_000_000)), new PeerRateLimit(clock, Integer.MAX_VALUE, Duration.ofMinutes(1)),
          codec)) {
        server.start();
        QosChallenger runner = new QosChallenger(challenger, new QosClient(challenger, codec),
            new ChallengeIssuer(challengerKey, clock, new SecureRandom()), clock);
        System.out.printf(Locale.ROOT, "| challenge | runs | p50 ms | p90 ms | p99 ms | mean ms | x availability p50 |%n");
        System.out.printf("| --- | --- | --- | --- | --- | --- | --- |%n");
        // Every type warms up before any is measured, and the measured runs go round-robin over the types, so
        // JIT warm-up and the machine's changing load weigh on all of them alike.
        for (Case c : cases) {
          for (int i = 0; i < warmup; i++) {
            once(runner, provider, c);
          }
        }
        List<List<Double>> samples = new ArrayList<>();
        cases.forEach(c -> samples.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
          for (int k = 0; k < cases.size(); k++) {
            long start = System.nanoTime();
            once(runner, provider, cases.get(k));
            samples.get(k).add((System.nanoTime() - start) / 1e6);
          }
        }
        double anchor = median(samples.get(0));
        for (int k = 0; k < cases.size(); k++) {
          List<Double> ms = samples.get(k);
          Collections.sort(ms);
          int n = ms.size();
          double p50 = median(ms);
          System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1fx |%n", cases.get(k).name(), n,
              p50, ms.get((int) (n * 0.9)), ms.get(Math.min(n - 1, (int) (n * 0.99))),
              ms.stream().mapToDouble(Double::doubleValue).average().orElse(0), p50 / anchor);
        }
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void once(QosChallenger runner, Host provider, Case c) throws Exception {
    ChallengeRun run = runner.run(c.type(), provider.peerId(), c.difficulty(), Duration.ofSeconds(60))
        .get(70, TimeUnit.SECONDS);
    if (!run.outcome().passed()) {
      throw new IllegalStateException(c.name() + " failed: " + run.outcome().failure());
    }
  }
}
