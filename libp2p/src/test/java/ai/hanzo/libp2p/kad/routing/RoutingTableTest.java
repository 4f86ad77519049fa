package ai.hanzo.libp2p.kad.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.kad.TestPeers;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private final Random random = new Random(42);
  private final PeerId self = TestPeers.random(random);
  private final MutableClock clock = new MutableClock();
  private final RoutingTable table = new RoutingTable(self, 2, clock);

  /** Peers that all fall into bucket 0 (first bit differs from ours). */
  private List<PeerId> bucketZeroPeers(int count) {
    List<PeerId> out = new ArrayList<>();
    while (out.size() < count) {
      PeerId p = TestPeers.random(random);
      if (table.localId().commonPrefixLength(KadId.of(p)) == 0) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void addsUntilTheBucketIsFullThenQueuesReplacements() {
    List<PeerId> p = bucketZeroPeers(3);
    assertThat(table.offer(p.get(0))).isInstanceOf(RoutingTable.Offer.Member.class);
    assertThat(table.offer(p.get(1))).isInstanceOf(RoutingTable.Offer.Member.class);
    assertThat(table.offer(p.get(2))).isEqualTo(new RoutingTable.Offer.BucketFull(p.get(0)));
    assertThat(table.bucket(0)).containsExactly(p.get(0), p.get(1));
    assertThat(table.replacements(0)).containsExactly(p.get(2));
    assertThat(table.offer(self)).isInstanceOf(RoutingTable.Offer.Self.class);
  }

  @Test
  void seeingAMemberMovesItToTheEndAndRemovalPromotesTheNewestReplacement() {
    List<PeerId> p = bucketZeroPeers(4);
    p.forEach(table::offer);
    table.markSeen(p.get(0));
    assertThat(table.bucket(0)).containsExactly(p.get(1), p.get(0));
    assertThat(table.remove(p.get(1))).contains(p.get(3));
    assertThat(table.bucket(0)).containsExactly(p.get(0), p.get(3));
    assertThat(table.replacements(0)).containsExactly(p.get(2));
  }

  @Test
  void closestReturnsMembersInXorOrder() {
    RoutingTable big = new RoutingTable(self, 20, clock);
    List<PeerId> peers = TestPeers.random(random, 300);
    peers.forEach(big::offer);
    KadId target = KadId.of(TestPeers.random(random));
    List<PeerId> closest = big.closest(target, 20);
    assertThat(closest).hasSize(20).isSortedAccordingTo(
        (a, b) -> target.compareDistance(KadId.of(a), KadId.of(b)));
    Set<PeerId> rest = new HashSet<>(big.peers());
    closest.forEach(rest::remove);
    KadId twentieth = KadId.of(closest.get(19));
    assertThat(rest).allMatch(p -> target.compareDistance(KadId.of(p), twentieth) >= 0);
  }

  @Test
  void bucketsNotLookedIntoBecomeStale() {
    bucketZeroPeers(1).forEach(table::offer);
    clock.advance(Duration.ofMinutes(11));
    assertThat(table.staleBuckets(Duration.ofMinutes(10))).containsExactly(0);
    table.markRefreshed(0);
    assertThat(table.staleBuckets(Duration.ofMinutes(10))).isEmpty();
  }

  @Test
  void aFullBucketPingsItsOldestMemberAndKeepsItWhenItAnswers() {
    List<PeerId> p = bucketZeroPeers(3);
    List<PeerId> pinged = new ArrayList<>();
    TableMaintainer maintainer = new TableMaintainer(table, peer -> {
      pinged.add(peer);
      return CompletableFuture.completedFuture(true);
    });
    maintainer.offer(p.get(0));
    maintainer.offer(p.get(1));
    assertThat(maintainer.offer(p.get(2))).isCompletedWithValue(false);
    assertThat(pinged).containsExactly(p.get(0));
    assertThat(table.bucket(0)).containsExactly(p.get(1), p.get(0));
  }

  @Test
  void aFullBucketEvictsItsOldestMemberWhenThePingFails() {
    List<PeerId> p = bucketZeroPeers(3);
    CompletableFuture<Boolean> ping = new CompletableFuture<>();
    TableMaintainer maintainer = new TableMaintainer(table, peer -> ping);
    maintainer.offer(p.get(0));
    maintainer.offer(p.get(1));
    CompletableFuture<Boolean> third = maintainer.offer(p.get(2));
    assertThat(third).isNotDone();
    assertThat(table.bucket(0)).containsExactly(p.get(0), p.get(1));
    ping.complete(false);
    assertThat(third).isCompletedWithValue(true);
    assertThat(table.bucket(0)).containsExactly(p.get(1), p.get(2));
  }
}
