package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;

/** Connection life events of a {@link Host}; called on event-loop threads, so never block. */
public interface HostListener {
  /** A connection was established and kept (not a duplicate that lost). */
  default void connected(Connection connection) {}

  /** A kept connection closed. */
  default void disconnected(Connection connection) {}

  /** The peer answered Identify or pushed an update; the peer store already has it. */
  default void identified(PeerId peer, IdentifyMessage identify) {}
}
