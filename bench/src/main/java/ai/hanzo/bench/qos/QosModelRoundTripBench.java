package ai.hanzo.bench.qos;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.p2p.qos.ChallengeRun;
import ai.hanzo.node.p2p.qos.QosChallenger;
import ai.hanzo.node.p2p.qos.QosClient;
import ai.hanzo.node.p2p.qos.QosServer;
import ai.hanzo.node.p2p.qos.wire.ProtoQosCodec;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ModelPrompt;
import ai.hanzo.node.qos.ModelRunner;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The round trip of a model challenge between two real libp2p hosts on loopback in one JVM, each with its own
 * llama.cpp model server on the same generated tiny GGUF (seed 17): the challenger runs the seeded prompt itself,
 * then issues, sends, the provider generates and signs, the challenger compares the tokens. Every other type
 * (latency, compute at 16 bits, bandwidth of 1 MiB) runs in the same run and round-robin, so all five types are
 * measured side by side. Availability is the anchor (the protocol's fixed cost); "local generation only" is
 * one greedy generation on one server with no protocol, which a model challenge pays twice (both ends). Prints a
 * Markdown table.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.qos.QosModelRoundTripBench [runs] [warmup]}
 */
public final class QosModelRoundTripBench {
  private record Case(String name, ChallengeType type, long difficulty) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("qos-model-bench");
    Clock clock = Clock.systemUTC();
    Path model = TinyLlama.write(dir, 17);
    Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    try (ModelServer providerModels = server(dir.resolve("provider"), model, clock);
        ModelServer challengerModels = server(dir.resolve("challenger"), model, clock);
        Host provider = new Host(HostConfig.defaults(providerKey));
        Host challenger = new Host(HostConfig.defaults(challengerKey))) {
      Multiaddr address = provider.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      challenger.peerStore().addAddresses(provider.peerId(), List.of(address));
      ProtoQosCodec codec = new ProtoQosCodec();
      try (QosServer server = new QosServer(provider, new ChallengeResponder(providerKey, clock,
          new ReplayGuard(clock, 1_000_000), runner(providerModels)),
          new PeerRateLimit(clock, Integer.MAX_VALUE, Duration.ofMinutes(1)), codec)) {
        server.start();
        ModelRunner local = runner(challengerModels);
        QosChallenger runner = new QosChallenger(challenger, new QosClient(challenger, codec),
            new ChallengeIssuer(challengerKey, clock, new SecureRandom()), clock,
            local);
        List<Case> cases = List.of(new Case("availability (anchor)", ChallengeType.AVAILABILITY, 0),
            new Case("latency", ChallengeType.LATENCY, 0),
            new Case("compute, 16 bits (default)", ChallengeType.COMPUTE, 16),
            new Case("bandwidth, 1 MiB (default)", ChallengeType.BANDWIDTH, 1L << 20),
            new Case("model, 4 tokens", ChallengeType.MODEL, 4),
            new Case("model, 16 tokens (default)", ChallengeType.MODEL, 16),
            new Case("local generation only, 16 tokens", null, 16));
        for (Case c : cases) {
          for (int i = 0; i < warmup; i++) {
            once(runner, local, provider, c);
          }
        }
        List<List<Double>> samples = new ArrayList<>();
        cases.forEach(c -> samples.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
          for (int k = 0; k < cases.size(); k++) {
            long start = System.nanoTime();
            once(runner, local, provider, cases.get(k));
            samples.get(k).add((System.nanoTime() - start) / 1e6);
          }
        }
        System.out.printf(Locale.ROOT, "| challenge | runs | p50 ms | p90 ms | p99 ms | x availability p50 |%n");
        System.out.printf("| --- | --- | --- | --- | --- | --- |%n");
        double anchor = median(samples.get(0));
        for (int k = 0; k < cases.size(); k++) {
          List<Double> ms = samples.get(k);
          Collections.sort(ms);
          int n = ms.size();
          System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.1fx |%n", cases.get(k).name(), n,
              median(ms), ms.get((int) (n * 0.9)), ms.get(Math.min(n - 1, (int) (n * 0.99))), median(ms) / anchor);
        }
      }
    }
    // llama.cpp's native threads are not daemons: end the JVM once everything above is closed.
    System.exit(0);
  }

  private static ModelServer server(Path dataDir, Path model, Clock clock) throws Exception {
    ModelStore store = ModelStore.in(dataDir, clock);
    store.add(model, "tiny");
    return new ModelServer(store, new LlamaEngine(1, 8), 64L << 20, 8, new LoadOptions(0, 1));
  }

  /** As the node's runner: greedy, the prompt's sampler seed, the text and its token count. */
  private static ModelRunner runner(ModelServer models) {
    return new ModelRunner() {
      @Override
      public boolean serves(String model) {
        return model.equals("tiny");
      }

      @Override
      public CompletableFuture<Generated> run(String model, ModelPrompt prompt) {
        return models.generate(model, prompt.text(), new GenerationParams(prompt.maxTokens(), 0, 1, List.of(),
            prompt.samplerSeed()), TokenSink.discard(), new Cancellation())
            .thenApply(c -> new Generated(c.text(), c.completionTokens()));
      }
    };
  }

  private static void once(QosChallenger runner, ModelRunner local, Host provider, Case c) throws Exception {
    if (c.type() == null) {
      local.run("tiny", new ModelPrompt("Continue: river stone light green north paper seven cloud", 17,
          (int) c.difficulty())).get(60, TimeUnit.SECONDS);
      return;
    }
    ChallengeRun run = runner.run(c.type(), provider.peerId(), c.difficulty(),
        c.type() == ChallengeType.MODEL ? "tiny" : "", Duration.ofSeconds(60)).get(70, TimeUnit.SECONDS);
    if (!run.outcome().passed()) {
      throw new IllegalStateException(c.name() + " failed: " + run.outcome().failure());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
