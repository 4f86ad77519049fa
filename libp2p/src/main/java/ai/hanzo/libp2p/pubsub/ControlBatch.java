package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.HashMap;
import java.util.Map;

/** Control messages collected during a heartbeat, sent as one RPC per peer at its end. */
final class ControlBatch {
  private final Map<PeerId, RpcProto.ControlMessage.Builder> pending = new HashMap<>();

  RpcProto.ControlMessage.Builder to(PeerId peer) {
    return pending.computeIfAbsent(peer, p -> RpcProto.ControlMessage.newBuilder());
  }

  void graft(PeerId peer, String topic) {
    to(peer).addGraft(RpcProto.ControlGraft.newBuilder().setTopicID(topic));
  }

  void prune(PeerId peer, RpcProto.ControlPrune prune) {
    to(peer).addPrune(prune);
  }

  void ihave(PeerId peer, RpcProto.ControlIHave ihave) {
    to(peer).addIhave(ihave);
  }

  void flush(RpcSender sender) {
    pending.forEach((peer, control) ->
        sender.send(peer, RpcProto.RPC.newBuilder().setControl(control).build()));
    pending.clear();
  }
}
