package ai.hanzo.bench.chain;

import ai.hanzo.node.chain.ChainStatus;
import ai.hanzo.node.chain.ChainStatusSource;
import ai.hanzo.node.chain.PeerStake;
import ai.hanzo.node.chain.PeerStakes;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A peer's stake check as {@code --require-stake} makes it for every gossip message, with the cache warm: the
 * lookup (fresh-answer check under the cache's lock, a completed stage) and the refusal reason. {@code peers}
 * PeerIds are warmed (half staked, half not) and asked in a seeded random order; the head never moves, so nothing
 * reaches the (scripted) registry while measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StakeCheckBenchmark {
  private static final long SEED = 0x5EED;
  private static final String OPERATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

  @Param({"100", "10000"})
  int peers;

  private PeerStakes stakes;
  private String[] order;

  @Setup
  public void warm() throws Exception {
    Clock clock = Clock.systemUTC();
    ChainStatusSource head = new ChainStatusSource() {
      private final ChainStatus status = new ChainStatus(31337, Optional.of(new ChainStatus.Head(1000,
          Instant.now())), Optional.of(Instant.now()), Optional.empty(), false);

      @Override
      public ChainStatus status() {
        return status;
      }

      @Override
      public Duration maxLag() {
        return Duration.ofMinutes(1);
      }
    };
    stakes = PeerStakes.withSource((peer, block) -> new PeerStake(peer,
        peer.hashCode() % 2 == 0 ? OPERATOR : "", BigInteger.TEN.pow(18), BigInteger.TEN.pow(18), block,
        clock.instant(), true, Optional.empty()), head, 30, clock);
    String[] ids = new String[peers];
    for (int i = 0; i < peers; i++) {
      ids[i] = "12D3KooWBenchPeer" + i;
      stakes.lookup(ids[i]).get(10, TimeUnit.SECONDS);
    }
    Random random = new Random(SEED);
    System.out.println("seed " + SEED);
    order = new String[1 << 16];
    for (int i = 0; i < order.length; i++) {
      order[i] = ids[random.nextInt(peers)];
    }
  }

  @TearDown
  public void close() {
    stakes.close();
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  @Threads(1)
  public Optional<String> checkOneThread(Cursor c) {
    return check(c);
  }

  @Benchmark
  @Threads(2)
  public Optional<String> checkTwoThreads(Cursor c) {
    return check(c);
  }

  private Optional<String> check(Cursor c) {
    String peer = order[c.next++ & (order.length - 1)];
    return stakes.lookup(peer).join().refusal("");
  }
}
