package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.GossipsubConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gossip propagation latency across Java nodes on loopback: every node subscribes one topic, each
 * dials four others, publishers take turns at a fixed rate with 1 KiB messages that carry their
 * send time. Latency is publish call to delivery at every other node (one JVM, one monotonic
 * clock); loss counts deliveries missing after a drain period. Usage: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.libp2p.GossipLatencyBench [nodes] [seconds]}.
 */
public final class GossipLatencyBench {
  private static final String TOPIC = "bench";
  private static final int PAYLOAD = 1024;

  private final List<Host> hosts = new ArrayList<>();
  private final List<Gossipsub> routers = new ArrayList<>();
  private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
  private final AtomicLong deliveries = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    GossipLatencyBench bench = new GossipLatencyBench();
    try {
      bench.start(nodes);
      System.out.printf("Gossipsub latency, %d Java nodes on loopback, JDK %s, %d cores, %d s per rate%n",
          nodes, Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds);
      System.out.println("| rate (msg/s) | messages | deliveries | loss | p50 ms | p99 ms | max ms |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      bench.run(100, 3, false);
      for (int rate : new int[] {100, 1000}) {
        bench.run(rate, seconds, true);
      }
    } finally {
      bench.stop();
    }
  }

  private void start(int n) throws Exception {
    List<Multiaddr> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
      hosts.add(host);
      addresses.add(host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS)
          .encapsulate("/p2p/" + host.peerId()));
      Gossipsub gossip = Gossipsub.start(host, GossipsubConfig.defaults());
      routers.add(gossip);
      int self = i;
      gossip.subscribe(TOPIC, m -> {
        ByteBuffer payload = ByteBuffer.wrap(m.data());
        long sent = payload.getLong();
        int publisher = payload.getInt(12);
        if (publisher != self) {
          latenciesNanos.add(System.nanoTime() - sent);
        }
        deliveries.incrementAndGet();
      }).get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < n; i++) {
      for (int step : new int[] {1, 3}) {
        hosts.get(i).dial(addresses.get((i + step) % n)).get(10, TimeUnit.SECONDS);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Gossipsub g : routers) {
      while (g.meshPeers(TOPIC).get().size() < 4) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("mesh did not form within 30 s");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  /** Publishes at {@code rate} for {@code seconds}, then waits up to 5 s for stragglers. */
  private void run(int rate, int seconds, boolean print) throws Exception {
    latenciesNanos.clear();
    deliveries.set(0);
    int total = rate * seconds;
    int ticksPerSecond = Math.min(rate, 100);
    int perTick = rate / ticksPerSecond;
    AtomicInteger published = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    pacer.scheduleAtFixedRate(() -> {
      for (int i = 0; i < perTick; i++) {
        int seq = published.getAndIncrement();
        if (seq >= total) {
          done.countDown();
          return;
        }
        byte[] data = new byte[PAYLOAD];
        int publisher = seq % routers.size();
        ByteBuffer.wrap(data).putLong(System.nanoTime()).putInt(seq).putInt(publisher);
        routers.get(publisher).publish(TOPIC, data);
      }
    }, 0, 1_000_000 / ticksPerSecond, TimeUnit.MICROSECONDS);
    done.await(seconds * 3L + 10, TimeUnit.SECONDS);
    pacer.shutdownNow();
    // Every node delivers its own messages too; the others are the propagation we measure.
    long expected = (long) total * routers.size();
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (deliveries.get() < expected && System.nanoTime() < drainDeadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    if (!print) {
      return;
    }
    Samples samples = new Samples();
    latenciesNanos.forEach(l -> samples.add(l / 1e6));
    double loss = 1 - deliveries.get() / (double) expected;
    System.out.printf("| %d | %d | %d | %.3f %% | %.2f | %.2f | %.2f |%n", rate, total,
        deliveries.get(), loss * 100, samples.percentile(50), samples.percentile(99),
        samples.percentile(100));
  }

  private void stop() {
    routers.forEach(Gossipsub::close);
    hosts.forEach(Host::close);
  }
}
