package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;

/** Where the router's outbound RPCs go: the peer's long-lived outbound stream, or a test double. */
interface RpcSender {
  /** Queues {@code rpc} for {@code peer}; false when it was dropped (no stream, queue full, too big). */
  boolean send(PeerId peer, RpcProto.RPC rpc);

  /** Asks the host to connect to {@code peer} (learned by peer exchange); failures are ignored. */
  void connect(PeerId peer);
}
