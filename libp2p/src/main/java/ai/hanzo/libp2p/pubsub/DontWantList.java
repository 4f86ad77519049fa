package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gossipsub v1.2 IDONTWANT ({@code /meshsub/1.2.0}): on receiving a large message we tell our other mesh peers of
 * the topic that speak v1.2 not to send it to us, and we do not forward a message to a peer that told us the same.
 * What a peer does not want is kept for {@link #TTL_HEARTBEATS} heartbeats and bounded per peer, so that IDONTWANT
 * spam costs us a fixed amount of memory. Runs on the router's thread.
 */
final class DontWantList {
  /** Messages (as serialized) smaller than this are cheaper to receive twice than to announce. */
  static final int THRESHOLD_BYTES = 1024;
  /** Ids remembered per peer at most; the ones beyond are ignored until older ones expire. */
  static final int MAX_IDS_PER_PEER = 1000;
  static final int TTL_HEARTBEATS = 3;

  private final GossipRouter router;
  private final Map<PeerId, LinkedHashMap<MessageId, Long>> unwanted = new HashMap<>();

  DontWantList(GossipRouter router) {
    this.router = router;
  }

  /** A peer sent IDONTWANTs: remember them, within the per-peer bound. */
  void received(PeerId from, List<RpcProto.ControlIDontWant> idontwants) {
    if (idontwants.isEmpty()) {
      return;
    }
    long expiry = router.clock.millis() + TTL_HEARTBEATS * router.config.heartbeatInterval().toMillis();
    LinkedHashMap<MessageId, Long> ids = unwanted.computeIfAbsent(from, p -> new LinkedHashMap<>());
    for (RpcProto.ControlIDontWant idontwant : idontwants) {
      for (ByteString raw : idontwant.getMessageIDsList()) {
        if (ids.size() >= MAX_IDS_PER_PEER) {
          return;
        }
        ids.putIfAbsent(MessageId.wrap(raw.toByteArray()), expiry);
      }
    }
  }

  boolean isUnwantedBy(PeerId peer, MessageId id) {
    LinkedHashMap<MessageId, Long> ids = unwanted.get(peer);
    return ids != null && ids.containsKey(id);
  }

  /** Tells our v1.2 mesh peers of the topic, except whoever sent or wrote it, that we have a large message. */
  void announce(RpcProto.Message message, MessageId id, PeerId receivedFrom, PeerId author) {
    if (message.getSerializedSize() < THRESHOLD_BYTES) {
      return;
    }
    RpcProto.RPC rpc = null;
    for (PeerId peer : router.state.mesh(message.getTopic())) {
      MeshState.Peer p = router.state.peers.get(peer);
      if (p == null || !Gossipsub.MESHSUB_V12.equals(p.protocol) || peer.equals(receivedFrom)
          || peer.equals(author)) {
        continue;
      }
      if (rpc == null) {
        rpc = RpcProto.RPC.newBuilder().setControl(RpcProto.ControlMessage.newBuilder()
            .addIdontwant(RpcProto.ControlIDontWant.newBuilder().addMessageIDs(ByteString.copyFrom(id.bytes()))))
            .build();
      }
      router.sender.send(peer, rpc);
    }
  }

  /** Forgets what expired; entries are in insertion order, so each peer's oldest come first. */
  void expire(long nowMillis) {
    for (Iterator<LinkedHashMap<MessageId, Long>> peers = unwanted.values().iterator(); peers.hasNext(); ) {
      LinkedHashMap<MessageId, Long> ids = peers.next();
      Iterator<Long> expiries = ids.values().iterator();
      while (expiries.hasNext() && expiries.next() <= nowMillis) {
        expiries.remove();
      }
      if (ids.isEmpty()) {
        peers.remove();
      }
    }
  }

  void removePeer(PeerId peer) {
    unwanted.remove(peer);
  }
}
