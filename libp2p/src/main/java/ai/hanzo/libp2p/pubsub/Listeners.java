package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fans router events out to every registered {@link GossipsubListener}. */
final class Listeners implements GossipsubListener {
  private final List<GossipsubListener> all = new CopyOnWriteArrayList<>();

  void add(GossipsubListener listener) {
    all.add(listener);
  }

  @Override
  public void grafted(PeerId peer, String topic) {
    all.forEach(l -> l.grafted(peer, topic));
  }

  @Override
  public void pruned(PeerId peer, String topic) {
    all.forEach(l -> l.pruned(peer, topic));
  }

  @Override
  public void delivered(PubsubMessage message) {
    all.forEach(l -> l.delivered(message));
  }

  @Override
  public void rejected(PeerId from, String topic, String reason) {
    all.forEach(l -> l.rejected(from, topic, reason));
  }
}
