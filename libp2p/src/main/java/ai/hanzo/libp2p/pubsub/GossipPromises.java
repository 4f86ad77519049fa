package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * IWANTs we sent and are owed: a peer that advertised a message in IHAVE and does not deliver it
 * within the follow-up time broke a promise (a P7 penalty). Not thread-safe.
 */
final class GossipPromises {
  private final Map<MessageId, Map<PeerId, Long>> deadlines = new HashMap<>();

  void expect(PeerId peer, MessageId id, long deadlineMillis) {
    deadlines.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(peer, deadlineMillis);
  }

  /** The message arrived (from anyone, valid or not checked yet): every promise for it is kept. */
  void delivered(MessageId id) {
    deadlines.remove(id);
  }

  /** Removes overdue promises and returns how many each peer broke. */
  Map<PeerId, Integer> broken(long nowMillis) {
    Map<PeerId, Integer> out = new HashMap<>();
    Iterator<Map<PeerId, Long>> it = deadlines.values().iterator();
    while (it.hasNext()) {
      Map<PeerId, Long> owed = it.next();
      owed.entrySet().removeIf(e -> {
        if (e.getValue() < nowMillis) {
          out.merge(e.getKey(), 1, Integer::sum);
          return true;
        }
        return false;
      });
      if (owed.isEmpty()) {
        it.remove();
      }
    }
    return out;
  }
}
