package ai.hanzo.libp2p.kad.query;

import ai.hanzo.libp2p.kad.routing.KadId;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping of one iterative Kademlia lookup, free of I/O: which peers we heard of, asked,
 * got answers from. A lookup asks the closest peers it has not asked yet, at most {@code alpha}
 * at a time, and ends when the {@code k} closest peers that did not fail have all answered.
 * Not thread-safe; {@link Lookup} serialises access.
 */
public final class LookupState {
  /** Where one candidate stands. */
  public enum Status { HEARD, WAITING, SUCCEEDED, FAILED }

  private final KadId target;
  private final PeerId self;
  private final int k;
  private final int alpha;
  private final TreeMap<KadId, PeerId> byDistance;
  private final Map<PeerId, Status> status = new HashMap<>();
  private int waiting;

  public LookupState(KadId target, PeerId self, int k, int alpha, Collection<PeerId> seeds) {
    this.target = target;
    this.self = self;
    this.k = k;
    this.alpha = alpha;
    this.byDistance = new TreeMap<>(target.byDistance());
    seeds.forEach(this::hear);
  }

  /** Peers to ask now; they are marked waiting. */
  public List<PeerId> next() {
    List<PeerId> start = new ArrayList<>();
    int considered = 0;
    for (PeerId peer : byDistance.values()) {
      if (waiting >= alpha || considered >= k) {
        break;
      }
      Status s = status.get(peer);
      if (s == Status.FAILED) {
        continue;
      }
      considered++;
      if (s == Status.HEARD) {
        status.put(peer, Status.WAITING);
        waiting++;
        start.add(peer);
      }
    }
    return start;
  }

  /** {@code peer} answered with {@code closer}; new names join the candidates. */
  public void succeeded(PeerId peer, Collection<PeerId> closer) {
    if (status.put(peer, Status.SUCCEEDED) == Status.WAITING) {
      waiting--;
    }
    closer.forEach(this::hear);
  }

  public void failed(PeerId peer) {
    if (status.put(peer, Status.FAILED) == Status.WAITING) {
      waiting--;
    }
  }

  /** True when nothing is in flight and every one of the k closest live candidates answered. */
  public boolean isFinished() {
    if (waiting > 0) {
      return false;
    }
    int considered = 0;
    for (PeerId peer : byDistance.values()) {
      Status s = status.get(peer);
      if (s == Status.FAILED) {
        continue;
      }
      if (s == Status.HEARD) {
        return false;
      }
      if (++considered >= k) {
        break;
      }
    }
    return true;
  }

  /** The {@code k} closest peers that answered, closest first. */
  public List<PeerId> closestSucceeded() {
    List<PeerId> out = new ArrayList<>(k);
    for (PeerId peer : byDistance.values()) {
      if (out.size() == k) {
        break;
      }
      if (status.get(peer) == Status.SUCCEEDED) {
        out.add(peer);
      }
    }
    return out;
  }

  public Status status(PeerId peer) {
    return status.get(peer);
  }

  public KadId target() {
    return target;
  }

  private void hear(PeerId peer) {
    if (peer.equals(self) || status.containsKey(peer)) {
      return;
    }
    status.put(peer, Status.HEARD);
    byDistance.put(KadId.of(peer), peer);
  }
}
