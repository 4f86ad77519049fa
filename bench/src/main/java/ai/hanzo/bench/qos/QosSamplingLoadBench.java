package ai.hanzo.bench.qos;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.p2p.qos.ChallengeRun;
import ai.hanzo.node.p2p.qos.QosChallenger;
import ai.hanzo.node.p2p.qos.QosClient;
import ai.hanzo.node.p2p.qos.QosServer;
import ai.hanzo.node.p2p.qos.wire.ProtoQosCodec;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.PeerRateLimit;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.ReplayGuard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What answering the scheduled QoS challenges of 100 peers costs a provider: the provider is a process of its own
 * (a real libp2p host with the node's {@code QosServer}, production rate limit and answering threads), and 100 real
 * libp2p hosts in this JVM challenge it the way {@code QosSampler} does (availability, latency or compute at 16
 * bits, at random, one at a time per peer, each peer's rounds jittered to 0.5x-1.5x of the period). The provider's
 * CPU time is read from {@code /proc/<pid>/stat} over the same window idle (the anchor: connections, keep-alive and
 * the JVM's own housekeeping) and under load. The schedule is compressed: every peer challenges this provider once
 * per {@code period} (default 5 s), 60x the worst case of the default schedule (every peer picking this provider in
 * each of its 5-minute rounds); the default-schedule share is the measured extra divided by that factor.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.qos.QosSamplingLoadBench [peers] [period-s]
 * [window-s] [seed]}
 */
public final class QosSamplingLoadBench {
  private static final List<ChallengeType> SAMPLED = List.of(ChallengeType.AVAILABILITY, ChallengeType.LATENCY,
      ChallengeType.COMPUTE);
  private static final double DEFAULT_ROUND_S = 300;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("provider")) {
      provider();
      return;
    }
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    double period = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 17;
    System.out.printf("seed %d%n", seed);
    Process provider = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), QosSamplingLoadBench.class.getName(), "provider")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Host> hosts = new ArrayList<>();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(provider.getInputStream(),
          StandardCharsets.UTF_8));
      Multiaddr address = Multiaddr.parse(out.readLine());
      PeerId providerId = PeerId.parse(out.readLine());
      Clock clock = Clock.systemUTC();
      ProtoQosCodec codec = new ProtoQosCodec();
      List<QosChallenger> challengers = new ArrayList<>();
      for (int i = 0; i < peers; i++) {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        Host host = new Host(HostConfig.defaults(key));
        hosts.add(host);
        host.peerStore().addAddresses(providerId, List.of(address));
        host.dial(providerId).get(30, TimeUnit.SECONDS);
        challengers.add(new QosChallenger(host, new QosClient(host, codec), new ChallengeIssuer(key, clock,
            new SecureRandom()), clock));
      }
      // Warm-up: every peer runs each type once, so the JIT and the connections are settled before measuring.
      for (QosChallenger c : challengers) {
        for (ChallengeType type : SAMPLED) {
          once(c, providerId, type).get(60, TimeUnit.SECONDS);
        }
      }
      long pid = provider.pid();
      double idle = cpuSeconds(pid, window);
      Random random = new Random(seed);
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      CountDownLatch stop = new CountDownLatch(1);
      for (QosChallenger c : challengers) {
        long first = (long) (random.nextDouble() * period * 1000);
        schedule(scheduler, c, providerId, period, new Random(random.nextLong()), first, answered, failed, stop);
      }
      double loaded = cpuSeconds(pid, window);
      stop.countDown();
      double rate = answered.get() / (double) window;
      double extra = Math.max(0, loaded - idle);
      double perChallengeMs = answered.get() == 0 ? 0 : extra * 1000 / answered.get();
      double factor = DEFAULT_ROUND_S / period;
      System.out.printf(Locale.ROOT, "| provider | window s | challenges answered (failed) | challenges/s | CPU s |"
          + " share of one core | x idle |%n| --- | --- | --- | --- | --- | --- | --- |%n");
      System.out.printf(Locale.ROOT, "| idle, %d peers connected (anchor) | %d | 0 | 0 | %.2f | %.2f %% | 1.0x |%n",
          peers, window, idle, idle * 100 / window);
      System.out.printf(Locale.ROOT, "| %d peers, one challenge each per %.1f s | %d | %d (%d) | %.1f | %.2f | %.2f %%"
          + " | %.1fx |%n", peers, period, window, answered.get(), failed.get(), rate, loaded, loaded * 100 / window,
          loaded / Math.max(idle, 1e-9));
      System.out.printf(Locale.ROOT, "per challenge (mix of availability, latency, compute 16 bits): %.2f ms of"
          + " provider CPU above idle%n", perChallengeMs);
      System.out.printf(Locale.ROOT, "default schedule, worst case (all %d peers pick this provider every 5 min:"
          + " %.2f challenges/s): %.3f %% of one core above idle%n", peers, rate / factor,
          extra * 100 / window / factor);
    } finally {
      scheduler.shutdownNow();
      for (Host h : hosts) {
        h.close();
      }
      provider.destroy();
      if (!provider.waitFor(10, TimeUnit.SECONDS)) {
        provider.destroyForcibly();
      }
    }
  }

  private static void schedule(ScheduledExecutorService scheduler, QosChallenger c, PeerId provider, double period,
      Random random, long delayMs, AtomicInteger answered, AtomicInteger failed, CountDownLatch stop) {
    scheduler.schedule(() -> {
      if (stop.getCount() == 0) {
        return;
      }
      ChallengeType type;
      long next;
      synchronized (random) {
        type = SAMPLED.get(random.nextInt(SAMPLED.size()));
        next = (long) (period * 1000 * (0.5 + random.nextDouble()));
      }
      once(c, provider, type).whenComplete((run, error) -> {
        if (stop.getCount() == 0) {
          return;
        }
        if (error == null && run.outcome().passed()) {
          answered.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
        schedule(scheduler, c, provider, period, random, next, answered, failed, stop);
      });
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  private static java.util.concurrent.CompletableFuture<ChallengeRun> once(QosChallenger c, PeerId provider,
      ChallengeType type) {
    return c.run(type, provider, type == ChallengeType.COMPUTE ? QosLimits.DEFAULT_COMPUTE_BITS : 0,
        QosLimits.DEFAULT_WINDOW);
  }

  /** The process's user + system CPU seconds over the next {@code seconds} of wall time. */
  private static double cpuSeconds(long pid, int seconds) throws Exception {
    long before = ticks(pid);
    Thread.sleep(seconds * 1000L); // the measuring window itself, not a synchronization
    return (ticks(pid) - before) / 100.0;
  }

  /** utime + stime of /proc/<pid>/stat, in clock ticks (USER_HZ, 100 on Linux). */
  private static long ticks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The provider process: a host with the node's QoS server as a node starts it; prints address and PeerId. */
  private static void provider() throws Exception {
    Clock clock = Clock.systemUTC();
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    Host host = new Host(HostConfig.defaults(key));
    Multiaddr address = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
    QosServer server = new QosServer(host, new ChallengeResponder(key, clock, new ReplayGuard(clock, 100_000)),
        new PeerRateLimit(clock, QosLimits.PER_PEER_PER_MINUTE, Duration.ofMinutes(1)), new ProtoQosCodec());
    server.start();
    System.out.println(address);
    System.out.println(host.peerId());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
