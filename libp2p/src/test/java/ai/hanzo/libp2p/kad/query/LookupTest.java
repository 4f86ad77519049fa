package ai.hanzo.libp2p.kad.query;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.kad.TestPeers;
import ai.hanzo.libp2p.kad.routing.KadId;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.RandomCases;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lookup against a simulated network of fake peers, each knowing its own neighbourhood. */
class LookupTest {
  private static final int K = 20;
  private static final int ALPHA = 3;
  /** Ids computed once: the sorting below would otherwise hash on every comparison. */
  private static final Map<PeerId, KadId> IDS = new ConcurrentHashMap<>();

  private static KadId id(PeerId peer) {
    return IDS.computeIfAbsent(peer, KadId::of);
  }

  /** Each fake peer knows the 20 peers closest to itself and 5 random others. */
  private static Map<PeerId, List<PeerId>> network(Random random, List<PeerId> peers) {
    return peers.stream().collect(Collectors.toMap(p -> p, p -> {
      KadId id = id(p);
      List<PeerId> known = new ArrayList<>(peers.stream().filter(q -> !q.equals(p))
          .sorted(Comparator.comparing(LookupTest::id, id.byDistance())).limit(K).toList());
      for (int i = 0; i < 5; i++) {
        known.add(peers.get(random.nextInt(peers.size())));
      }
      return known;
    }));
  }

  private static List<PeerId> trueClosest(List<PeerId> peers, KadId target, Set<PeerId> exclude) {
    return peers.stream().filter(p -> !exclude.contains(p))
        .sorted(Comparator.comparing(LookupTest::id, target.byDistance())).limit(K).toList();
  }

  /** Answers with the K known peers closest to the target, as a real server would. */
  private static Function<PeerId, CompletableFuture<List<PeerId>>> answers(
      Map<PeerId, List<PeerId>> network, KadId target, Set<PeerId> dead) {
    return peer -> dead.contains(peer)
        ? CompletableFuture.failedFuture(new RuntimeException("timeout"))
        : CompletableFuture.completedFuture(network.get(peer).stream()
            .sorted(Comparator.comparing(LookupTest::id, target.byDistance())).limit(K).toList());
  }

  @Test
  void findsTheTrueKClosestFromAFewRandomSeeds() {
    RandomCases.forAll(8, r -> {
      List<PeerId> peers = TestPeers.random(r, 250);
      Map<PeerId, List<PeerId>> network = network(r, peers);
      PeerId self = peers.get(0);
      KadId target = KadId.of(TestPeers.random(r));
      LookupState state = new LookupState(target, self, K, ALPHA, network.get(self).subList(0, 3));
      List<PeerId> result = Lookup.run(state, answers(network, target, Set.of()), () -> false)
          .join();
      assertThat(result).isEqualTo(trueClosest(peers, target, Set.of(self)));
    });
  }

  @Test
  void peersThatFailAreLeftOutAndTheirNeighboursStillFound() {
    RandomCases.forAll(8, r -> {
      List<PeerId> peers = TestPeers.random(r, 200);
      Map<PeerId, List<PeerId>> network = network(r, peers);
      PeerId self = peers.get(0);
      Set<PeerId> dead = new HashSet<>();
      for (int i = 1; i < peers.size(); i += 8) {
        dead.add(peers.get(i));
      }
      KadId target = KadId.of(TestPeers.random(r));
      List<PeerId> seeds = network.get(self).stream().filter(p -> !dead.contains(p)).toList();
      LookupState state = new LookupState(target, self, K, ALPHA, seeds);
      List<PeerId> result = Lookup.run(state, answers(network, target, dead), () -> false).join();
      Set<PeerId> excluded = new HashSet<>(dead);
      excluded.add(self);
      // A dead peer can hide a live one that only it knew of, so expect the closest half only.
      assertThat(result).hasSize(K).doesNotContainAnyElementsOf(dead)
          .containsAll(trueClosest(peers, target, excluded).subList(0, K / 2));
    });
  }

  @Test
  void neverHasMoreThanAlphaRequestsInFlightAndStopsEarlyWhenDone() {
    Random r = new Random(3);
    List<PeerId> peers = TestPeers.random(r, 200);
    Map<PeerId, List<PeerId>> network = network(r, peers);
    KadId target = KadId.of(peers.get(150));
    Deque<Runnable> pending = new ArrayDeque<>();
    int[] inFlight = {0, 0};
    Set<PeerId> asked = new HashSet<>();
    var reply = answers(network, target, Set.of());
    LookupState state = new LookupState(target, peers.get(0), K, ALPHA, network.get(peers.get(0)));
    CompletableFuture<List<PeerId>> result = Lookup.run(state, peer -> {
      asked.add(peer);
      inFlight[0]++;
      inFlight[1] = Math.max(inFlight[1], inFlight[0]);
      CompletableFuture<List<PeerId>> f = new CompletableFuture<>();
      pending.add(() -> {
        inFlight[0]--;
        f.complete(reply.apply(peer).join());
      });
      return f;
    }, () -> asked.contains(peers.get(150)));
    while (!pending.isEmpty()) {
      pending.poll().run();
    }
    assertThat(inFlight[1]).isEqualTo(ALPHA);
    assertThat(result).isDone();
    assertThat(asked).contains(peers.get(150));
    assertThat(asked.size()).isLessThan(peers.size() / 2);
  }

  @Test
  void aLookupWithoutSeedsEndsAtOnceWithNothing() {
    LookupState state = new LookupState(KadId.of(TestPeers.random(new Random(1))),
        TestPeers.random(new Random(2)), K, ALPHA, List.of());
    assertThat(Lookup.run(state, p -> new CompletableFuture<>(), () -> false))
        .isCompletedWithValue(List.of());
  }
}
