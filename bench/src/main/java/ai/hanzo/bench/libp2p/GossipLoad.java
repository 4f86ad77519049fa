package ai.hanzo.bench.libp2p;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One measured run on a {@link GossipMesh}: publishers take turns at a fixed rate, each message's send time is kept
 * by its sequence number, and every delivery at another node adds a latency sample (same JVM monotonic clock).
 */
final class GossipLoad implements GossipMesh.Deliveries {
  private static final int MAX_MESSAGES = 1 << 20;

  private volatile Run run;
  private int runs;

  /** Result of one rate: deliveries counted at the nodes other than the publisher. */
  record Row(int rate, int messages, long expected, long delivered, long missing, long duplicates, Samples millis) {}

  private static final class Run {
    final int id;
    final AtomicLongArray sentNanos;
    final AtomicIntegerArray deliveries;
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    Run(int id, int messages) {
      this.id = id;
      sentNanos = new AtomicLongArray(messages);
      deliveries = new AtomicIntegerArray(messages);
    }
  }

  @Override
  public void delivered(int receiver, CharSequence text, int from, long arrivedNanos) {
    Run r = run;
    GossipPayload.Header header = GossipPayload.headerOf(text, from);
    if (r == null || header == null || header.run() != r.id || header.seq() >= r.sentNanos.length()) {
      return;
    }
    int seq = header.seq();
    r.deliveries.incrementAndGet(seq);
    r.latencies.add(arrivedNanos - r.sentNanos.get(seq));
  }

  /** Publishes at {@code rate} for {@code seconds}, then waits up to {@code drainSeconds} for stragglers. */
  Row run(GossipMesh mesh, int rate, int seconds, int drainSeconds) throws InterruptedException {
    int total = rate * seconds;
    if (total > MAX_MESSAGES) {
      throw new IllegalArgumentException("at most " + MAX_MESSAGES + " messages per run, asked for " + total);
    }
    Run r = new Run(++runs, total);
    run = r;
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
        String data = GossipPayload.of(r.id, seq);
        r.sentNanos.set(seq, System.nanoTime());
        mesh.publish(seq % mesh.size(), data);
      }
    }, 0, 1_000_000 / ticksPerSecond, TimeUnit.MICROSECONDS);
    done.await(seconds * 3L + 10, TimeUnit.SECONDS);
    pacer.shutdownNow();
    int receivers = mesh.size() - 1;
    long expected = (long) total * receivers;
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    while (r.latencies.size() < expected && System.nanoTime() < drainDeadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    run = null;
    long missing = 0;
    long duplicates = 0;
    long delivered = 0;
    for (int seq = 0; seq < total; seq++) {
      int c = r.deliveries.get(seq);
      delivered += c;
      missing += Math.max(0, receivers - c);
      duplicates += Math.max(0, c - receivers);
    }
    Samples millis = new Samples();
    r.latencies.forEach(l -> millis.add(l / 1e6));
    return new Row(rate, total, expected, delivered, missing, duplicates, millis);
  }
}
