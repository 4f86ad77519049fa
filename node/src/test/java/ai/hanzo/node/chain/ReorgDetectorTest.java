package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reorgs from a scripted chain: blocks named by branch and number, so a fork has other hashes from its point on. */
class ReorgDetectorTest {
  private final MutableClock clock = new MutableClock();
  /** The chain as it is now: hashes by number. */
  private final List<String> chain = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  private void grow(String branch, int blocks) {
    for (int i = 0; i < blocks; i++) {
      chain.add(branch + chain.size());
    }
  }

  private void forkAt(int ancestor, String branch, int newLength) {
    while (chain.size() > ancestor + 1) {
      chain.remove(chain.size() - 1);
    }
    grow(branch, newLength - chain.size());
  }

  private ReorgDetector.Block head() {
    int n = chain.size() - 1;
    return new ReorgDetector.Block(n, chain.get(n), n == 0 ? "0x0" : chain.get(n - 1));
  }

  private Optional<ChainReorg> poll(ReorgDetector d) throws Exception {
    return d.observe(head(), number -> {
      calls.incrementAndGet();
      return number < chain.size() ? chain.get((int) number) : null;
    });
  }

  @Test
  void aChainThatOnlyGrowsIsNoReorgAndCostsNoCallBlockByBlock() throws Exception {
    ReorgDetector d = new ReorgDetector(new RecentBlocks(64), clock);
    grow("a", 1);
    for (int i = 0; i < 100; i++) {
      assertThat(poll(d)).isEmpty();
      grow("a", 1);
    }
    assertThat(calls).as("each head's parent was the remembered head").hasValue(0);
    grow("a", 5);
    assertThat(poll(d)).as("a jump of several blocks").isEmpty();
    assertThat(calls).hasValue(1);
    assertThat(poll(d)).as("the same head again").isEmpty();
  }

  @Test
  void aForkIsReportedWithItsDepthAndForkPoint() throws Exception {
    ReorgDetector d = new ReorgDetector(new RecentBlocks(64), clock);
    grow("a", 1);
    for (int i = 0; i < 20; i++) {
      poll(d);
      grow("a", 1);
    }
    poll(d); // head a20
    forkAt(16, "b", 23);
    ChainReorg r = poll(d).orElseThrow();
    assertThat(r.ancestor()).isEqualTo(16);
    assertThat(r.depth()).isEqualTo(4);
    assertThat(r.previousHead()).isEqualTo(20);
    assertThat(r.newHead()).isEqualTo(22);
    assertThat(r.beyondMemory()).isFalse();
    assertThat(r.at()).isEqualTo(clock.instant());
    grow("b", 1);
    assertThat(poll(d)).as("the new branch is what is remembered now").isEmpty();
  }

  @Test
  void aChainThatGotShorterIsAReorgOfTheBlocksThatLeft() throws Exception {
    ReorgDetector d = new ReorgDetector(new RecentBlocks(64), clock);
    grow("a", 1);
    for (int i = 0; i < 10; i++) {
      poll(d);
      grow("a", 1);
    }
    poll(d); // head a10
    forkAt(7, "a", 8); // evm_revert to block 7
    ChainReorg r = poll(d).orElseThrow();
    assertThat(r.depth()).isEqualTo(3);
    assertThat(r.ancestor()).isEqualTo(7);
    grow("c", 1);
    assertThat(poll(d)).isEmpty();
  }

  @Test
  void aForkOlderThanTheMemoryIsReportedAsAtLeastTheRemembered() throws Exception {
    ReorgDetector d = new ReorgDetector(new RecentBlocks(4), clock);
    grow("a", 1);
    for (int i = 0; i < 10; i++) {
      poll(d);
      grow("a", 1);
    }
    poll(d); // remembers 7..10
    forkAt(2, "b", 12);
    ChainReorg r = poll(d).orElseThrow();
    assertThat(r.beyondMemory()).isTrue();
    assertThat(r.depth()).isEqualTo(4);
    assertThat(r.describe()).contains("at least 4");
  }

  @Test
  void aChainThatStartedAgainBelowTheMemoryLostEverythingAboveItsHead() throws Exception {
    ReorgDetector d = new ReorgDetector(new RecentBlocks(4), clock);
    grow("a", 3);
    for (int i = 0; i < 2; i++) {
      poll(d); // the follower came in at a2: it remembers 2..4
      grow("a", 1);
    }
    poll(d);
    chain.clear();
    grow("fresh", 1); // a new dev chain on the same RPC: only its genesis
    ChainReorg r = poll(d).orElseThrow();
    assertThat(r.beyondMemory()).isTrue();
    assertThat(r.ancestor()).isEqualTo(0);
    assertThat(r.depth()).as("blocks 1 to 4 left, though only 2 to 4 were remembered").isEqualTo(4);
  }

  @Test
  void theMemoryFollowsTheConfirmations() {
    assertThat(ReorgDetector.memoryFor(0)).isEqualTo(64);
    assertThat(ReorgDetector.memoryFor(100)).isEqualTo(202);
    assertThat(ReorgDetector.memoryFor(10_000)).isEqualTo(4096);
  }
}
