package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recent messages in heartbeat windows: the newest {@code gossip} windows are advertised in IHAVE,
 * all {@code length} windows can be fetched by IWANT. Counts how often each peer fetched each
 * message so that IWANT floods are bounded. Not thread-safe.
 */
final class MessageCache {
  private record Entry(RpcProto.Message message, Map<PeerId, Integer> fetches) {}

  private record Window(List<MessageId> ids, List<String> topics) {}

  private final int gossip;
  private final int length;
  private final Map<MessageId, Entry> messages = new HashMap<>();
  private final Deque<Window> windows = new ArrayDeque<>();

  MessageCache(int gossip, int length) {
    this.gossip = gossip;
    this.length = length;
    windows.addFirst(new Window(new ArrayList<>(), new ArrayList<>()));
  }

  void put(MessageId id, RpcProto.Message message) {
    if (messages.putIfAbsent(id, new Entry(message, new HashMap<>())) == null) {
      Window newest = windows.peekFirst();
      newest.ids().add(id);
      newest.topics().add(message.getTopic());
    }
  }

  Optional<RpcProto.Message> get(MessageId id) {
    return Optional.ofNullable(messages.get(id)).map(Entry::message);
  }

  /** The message for {@code peer}'s IWANT, empty when unknown or fetched too often already. */
  Optional<RpcProto.Message> fetch(MessageId id, PeerId peer, int maxFetches) {
    Entry e = messages.get(id);
    if (e == null) {
      return Optional.empty();
    }
    int count = e.fetches().merge(peer, 1, Integer::sum);
    return count > maxFetches ? Optional.empty() : Optional.of(e.message());
  }

  /** Ids of {@code topic} in the gossip windows, newest first. */
  List<MessageId> gossipIds(String topic) {
    List<MessageId> out = new ArrayList<>();
    Iterator<Window> it = windows.iterator();
    for (int i = 0; i < gossip && it.hasNext(); i++) {
      Window w = it.next();
      for (int j = 0; j < w.ids().size(); j++) {
        if (w.topics().get(j).equals(topic)) {
          out.add(w.ids().get(j));
        }
      }
    }
    return out;
  }

  /** Opens a new window and forgets the messages of the oldest one past the length. */
  void shift() {
    windows.addFirst(new Window(new ArrayList<>(), new ArrayList<>()));
    while (windows.size() > length) {
      windows.removeLast().ids().forEach(messages::remove);
    }
  }

  int size() {
    return messages.size();
  }
}
