package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.MutableClock;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stake cache and the lookups over it, with a scripted registry in place of the chain: answers are reused until
 * the head moved N blocks, a failing chain keeps the last answer (stale), the cache stays bounded, concurrent
 * lookups of one peer read the registry once, and the claim is checked against the binding.
 */
class StakeCacheTest {
  private static final BigInteger MIN = BigInteger.TEN;
  private static final String OPERATOR = "0x1111111111111111111111111111111111111111";

  private final MutableClock clock = new MutableClock();
  private final AtomicLong head = new AtomicLong(100);
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private PeerStake answer(String peer, String operator, long stake) {
    return new PeerStake(peer, operator, BigInteger.valueOf(stake), MIN, head.get(), clock.instant(), true,
        Optional.empty());
  }

  private PeerStakes stakes(StakeCache cache, PeerStakes.Source source) {
    ChainStatusSource chain = new ChainStatusSource() {
      @Override
      public ChainStatus status() {
        return new ChainStatus(1, Optional.of(new ChainStatus.Head(head.get(), Instant.EPOCH)),
            Optional.of(Instant.EPOCH), Optional.empty(), false);
      }

      @Override
      public Duration maxLag() {
        return Duration.ofMinutes(1);
      }
    };
    return new PeerStakes(cache, source, chain, clock, executor, () -> { });
  }

  @Test
  void anAnswerIsReusedUntilTheHeadMovedTheRefreshBlocks() throws Exception {
    List<String> reads = new CopyOnWriteArrayList<>();
    PeerStakes stakes = stakes(new StakeCache(100, 5, Duration.ofSeconds(2)), (peer, h) -> {
      reads.add(peer + "@" + h);
      return answer(peer, OPERATOR, 10);
    });
    assertThat(stakes.lookup("p1").get(5, TimeUnit.SECONDS).staked()).isTrue();
    head.addAndGet(4);
    assertThat(stakes.lookup("p1").isDone()).as("4 blocks later: from the cache, at once").isTrue();
    head.addAndGet(1);
    stakes.lookup("p1").get(5, TimeUnit.SECONDS);
    assertThat(reads).containsExactly("p1@100", "p1@105");
    assertThat(stakes.reads()).isEqualTo(2);
  }

  @Test
  void aFailingChainKeepsTheLastAnswerMarkedStaleAndRetriesAfterThePause() throws Exception {
    AtomicReference<IOException> failure = new AtomicReference<>();
    PeerStakes stakes = stakes(new StakeCache(100, 1, Duration.ofSeconds(2)), (peer, h) -> {
      if (failure.get() != null) {
        throw failure.get();
      }
      return answer(peer, OPERATOR, 50);
    });
    stakes.lookup("p1").get(5, TimeUnit.SECONDS);
    failure.set(new IOException("connection refused"));
    head.incrementAndGet();
    PeerStake kept = stakes.lookup("p1").get(5, TimeUnit.SECONDS);
    assertThat(kept.stale()).isTrue();
    assertThat(kept.problem()).contains("connection refused");
    assertThat(kept.staked()).as("the last known answer stands").isTrue();
    assertThat(kept.stakeWei()).isEqualTo(BigInteger.valueOf(50));
    head.incrementAndGet();
    assertThat(stakes.lookup("p1").isDone()).as("not retried before the pause").isTrue();
    assertThat(stakes.reads()).isEqualTo(2);

    failure.set(null);
    clock.advance(Duration.ofSeconds(2));
    PeerStake fresh = stakes.lookup("p1").get(5, TimeUnit.SECONDS);
    assertThat(fresh.stale()).isFalse();
    assertThat(stakes.reads()).isEqualTo(3);
  }

  @Test
  void aPeerTheChainNeverAnsweredForIsUnknownNotStaked() throws Exception {
    PeerStakes stakes = stakes(new StakeCache(100, 1, Duration.ofSeconds(2)), (peer, h) -> {
      throw new IOException("no route to host");
    });
    PeerStake unknown = stakes.lookup("p1").get(5, TimeUnit.SECONDS);
    assertThat(unknown.answered()).isFalse();
    assertThat(unknown.staked()).isFalse();
    assertThat(unknown.refusal("")).contains("stake_unknown");
  }

  @Test
  void theCacheKeepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    StakeCache cache = new StakeCache(3, 10, Duration.ofSeconds(1));
    for (String peer : List.of("a", "b", "c")) {
      cache.put(answer(peer, OPERATOR, 10));
    }
    cache.get("a");
    cache.put(answer("d", OPERATOR, 10));
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("b")).as("least recently used").isEmpty();
    assertThat(cache.get("a")).isPresent();
    for (int i = 0; i < 1000; i++) {
      cache.put(answer("flood-" + i, OPERATOR, 10));
    }
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void concurrentLookupsOfOnePeerReadTheRegistryOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PeerStakes stakes = stakes(new StakeCache(100, 1, Duration.ofSeconds(1)), (peer, h) -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer(peer, OPERATOR, 10);
    });
    var first = stakes.lookup("p1");
    var second = stakes.lookup("p1");
    assertThat(second).isSameAs(first);
    release.countDown();
    first.get(5, TimeUnit.SECONDS);
    assertThat(stakes.reads()).isEqualTo(1);
  }

  @Test
  void theBindingIsTheTruthAndTheClaimMustMatchIt() {
    PeerStake bound = answer("p1", OPERATOR, 10);
    assertThat(bound.stakedAs("")).isTrue();
    assertThat(bound.stakedAs(OPERATOR.toUpperCase().replace("0X", "0x"))).isTrue();
    assertThat(bound.stakedAs("0x2222222222222222222222222222222222222222")).isFalse();
    assertThat(bound.refusal("0x2222222222222222222222222222222222222222")).contains("operator_mismatch");
    assertThat(answer("p2", "", 0).refusal("")).contains("no_binding");
    assertThat(answer("p3", OPERATOR, 9).refusal(OPERATOR)).contains("below_min_stake");
    assertThat(bound.refusal(OPERATOR)).isEmpty();
  }
}
