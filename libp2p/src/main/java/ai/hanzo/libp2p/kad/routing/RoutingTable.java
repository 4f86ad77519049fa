package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kademlia routing table: bucket {@code i} holds peers whose id shares exactly {@code i}
 * leading bits with ours. Full buckets keep their members; newcomers wait as replacements until
 * a member is found dead ({@link TableMaintainer} decides that). Thread-safe.
 */
public final class RoutingTable {
  /** What {@link #offer} did. */
  public sealed interface Offer {
    /** The peer is a member now (new or already). */
    record Member() implements Offer {}

    /** The bucket is full; the peer waits as a replacement for {@code leastRecentlySeen}. */
    record BucketFull(PeerId leastRecentlySeen) implements Offer {}

    /** Our own id is never stored. */
    record Self() implements Offer {}
  }

  private final KadId local;
  private final int k;
  private final Clock clock;
  private final KBucket[] buckets = new KBucket[KadId.BITS];
  private final Map<PeerId, KadId> ids = new HashMap<>();
  private final Instant[] lastRefreshed = new Instant[KadId.BITS];

  public RoutingTable(PeerId local, int k, Clock clock) {
    this.local = KadId.of(local);
    this.k = k;
    this.clock = clock;
    Instant now = clock.instant();
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new KBucket(k);
      lastRefreshed[i] = now;
    }
  }

  public KadId localId() {
    return local;
  }

  public int bucketSize() {
    return k;
  }

  /** Adds {@code peer}, or marks it seen when it is a member already. */
  public synchronized Offer offer(PeerId peer) {
    KadId id = KadId.of(peer);
    int index = local.commonPrefixLength(id);
    if (index == KadId.BITS) {
      return new Offer.Self();
    }
    KBucket bucket = buckets[index];
    if (bucket.touch(peer)) {
      return new Offer.Member();
    }
    if (!bucket.isFull()) {
      bucket.add(peer);
      ids.put(peer, id);
      return new Offer.Member();
    }
    bucket.addReplacement(peer);
    return new Offer.BucketFull(bucket.leastRecentlySeen().orElseThrow());
  }

  /** Marks a member as just seen alive, so it is the last to be questioned. */
  public synchronized void markSeen(PeerId peer) {
    bucketOf(peer).touch(peer);
  }

  /** Removes {@code peer}; returns the replacement that took its slot, if any. */
  public synchronized Optional<PeerId> remove(PeerId peer) {
    Optional<PeerId> promoted = bucketOf(peer).remove(peer);
    ids.remove(peer);
    promoted.ifPresent(p -> ids.put(p, KadId.of(p)));
    return promoted;
  }

  public synchronized boolean contains(PeerId peer) {
    return bucketOf(peer).contains(peer);
  }

  /** The {@code count} members closest to {@code target}, closest first. */
  public synchronized List<PeerId> closest(KadId target, int count) {
    Comparator<PeerId> byDistance = Comparator.comparing(ids::get, target.byDistance());
    return allMembers().stream().sorted(byDistance).limit(count).toList();
  }

  public synchronized List<PeerId> peers() {
    return allMembers();
  }

  public synchronized int size() {
    int n = 0;
    for (KBucket b : buckets) {
      n += b.size();
    }
    return n;
  }

  /** Members of bucket {@code index}, least recently seen first. */
  public synchronized List<PeerId> bucket(int index) {
    return buckets[index].members();
  }

  public synchronized List<PeerId> replacements(int index) {
    return buckets[index].replacements();
  }

  /** Records that a lookup went into bucket {@code index}'s part of the key space. */
  public synchronized void markRefreshed(int index) {
    lastRefreshed[index] = clock.instant();
  }

  /**
   * Buckets not looked into for {@code maxAge}, up to the deepest non-empty one (deeper buckets
   * are nearly empty key space; a self lookup covers them).
   */
  public synchronized List<Integer> staleBuckets(Duration maxAge) {
    int deepest = -1;
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i].size() > 0) {
        deepest = i;
      }
    }
    Instant limit = clock.instant().minus(maxAge);
    List<Integer> stale = new ArrayList<>();
    for (int i = 0; i <= deepest; i++) {
      if (lastRefreshed[i].isBefore(limit)) {
        stale.add(i);
      }
    }
    return stale;
  }

  private KBucket bucketOf(PeerId peer) {
    KadId known = ids.get(peer);
    KadId id = known != null ? known : KadId.of(peer);
    return buckets[Math.min(local.commonPrefixLength(id), KadId.BITS - 1)];
  }

  private List<PeerId> allMembers() {
    List<PeerId> all = new ArrayList<>();
    for (KBucket b : buckets) {
      all.addAll(b.members());
    }
    return all;
  }
}
