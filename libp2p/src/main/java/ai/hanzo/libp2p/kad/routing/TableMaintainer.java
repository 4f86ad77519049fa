package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds peers into the {@link RoutingTable} with Kademlia's replacement policy: when a bucket is
 * full, its least recently seen member is pinged, and only if it fails to answer does it make
 * room for the newcomer. Long-lived peers are more likely to stay, and a flood of new ids cannot
 * push out peers that still work.
 */
public final class TableMaintainer {
  private final RoutingTable table;
  private final Liveness liveness;
  private final Set<PeerId> checking = ConcurrentHashMap.newKeySet();

  public TableMaintainer(RoutingTable table, Liveness liveness) {
    this.table = table;
    this.liveness = liveness;
  }

  /**
   * Offers a peer known to be a reachable DHT server. Completes once the table decided: true
   * when the peer is a member afterwards.
   */
  public CompletableFuture<Boolean> offer(PeerId peer) {
    RoutingTable.Offer result = table.offer(peer);
    if (result instanceof RoutingTable.Offer.Member) {
      return CompletableFuture.completedFuture(true);
    }
    if (result instanceof RoutingTable.Offer.BucketFull full) {
      return questionMember(full.leastRecentlySeen()).thenApply(v -> table.contains(peer));
    }
    return CompletableFuture.completedFuture(false);
  }

  /** A member stopped answering requests: drop it, and a waiting replacement takes its place. */
  public void failed(PeerId peer) {
    table.remove(peer);
  }

  private CompletableFuture<Void> questionMember(PeerId member) {
    if (!checking.add(member)) {
      // Another newcomer already asked; the answer will promote at most one of them anyway.
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Boolean> answer;
    try {
      answer = liveness.check(member);
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(false);
    }
    return answer
        .exceptionally(e -> false)
        .thenAccept(alive -> {
          checking.remove(member);
          if (alive) {
            table.markSeen(member);
          } else {
            table.remove(member);
          }
        });
  }
}
