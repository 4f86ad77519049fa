package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;

/** Router events, called on the router's thread: never block. */
public interface GossipsubListener {
  /** {@code peer} joined our mesh of {@code topic} (either side grafted). */
  default void grafted(PeerId peer, String topic) {}

  /** {@code peer} left our mesh of {@code topic} (either side pruned, or it went away). */
  default void pruned(PeerId peer, String topic) {}

  /** A message passed validation and was delivered (including our own publications). */
  default void delivered(PubsubMessage message) {}

  /** A message was rejected; {@code reason} says why. */
  default void rejected(PeerId from, String topic, String reason) {}
}
