package ai.hanzo.libp2p.kad.net;

import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtProtocolException;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.Optional;

/** Answers one inbound DHT request. Runs on an event loop: must not block. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * @return the response, or empty for requests that get none (ADD_PROVIDER)
   * @throws DhtProtocolException when the request is invalid; the stream is then reset
   */
  Optional<DhtMessage> handle(PeerId from, DhtMessage request) throws DhtProtocolException;
}
