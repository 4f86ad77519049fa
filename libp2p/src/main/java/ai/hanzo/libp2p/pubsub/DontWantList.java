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
 * Gossipsub v1.2 IDONTWANT ({@code /meshsub/1.2.0}): when we forward a large message to a mesh peer that speaks v1.2,
 * the same RPC tells it not to send us that message, and we do not forward a message to a peer that told us the same.
 * The announcement rides on the forward rather than going ahead of it on its own: on a CPU-bound mesh a separate
 * write per peer and message cost more than the duplicates it saved (GossipLatencyBench, 10 Java nodes at 1,000
 * msg/s on a loaded 2-core machine, interleaved runs: p50 1.7 and 3.6 s without IDONTWANT, 4.1 and 9.2 s with
 * separate announcements, 0.7 and 1.0 s piggybacked), while the piggybacked id costs a few bytes.
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

  /** {@code forward} with an IDONTWANT of {@code id} added when the message is large enough, else {@code forward}. */
  RpcProto.RPC withAnnouncement(RpcProto.RPC forward, RpcProto.Message message, MessageId id) {
    if (message.getSerializedSize() < THRESHOLD_BYTES) {
      return forward;
    }
    return forward.toBuilder().setControl(RpcProto.ControlMessage.newBuilder()
        .addIdontwant(RpcProto.ControlIDontWant.newBuilder().addMessageIDs(ByteString.copyFrom(id.bytes()))))
        .build();
  }

  boolean speaksIt(PeerId peer) {
    MeshState.Peer p = router.state.peers.get(peer);
    return p != null && Gossipsub.MESHSUB_V12.equals(p.protocol);
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
