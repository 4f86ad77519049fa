package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calling end of one protocol id: opens streams to a peer (dialing the addresses it was seen at when not
 * connected), at most {@code perPeer} of them at once when asked to count.
 */
public final class ProtocolClient {
  private final Host host;
  private final String protocolId;
  private final PeerSlots slots;

  public ProtocolClient(Host host, String protocolId, int perPeer) {
    this.host = host;
    this.protocolId = protocolId;
    this.slots = new PeerSlots(perPeer);
  }

  /**
   * Takes a slot of {@code peerId}; returns the idempotent release of it, or null when all of its slots are taken.
   */
  public Runnable tryAcquire(String peerId) {
    if (!slots.tryAcquire(peerId)) {
      return null;
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        slots.release(peerId);
      }
    };
  }

  /**
   * Opens a stream of this protocol to {@code peer}, after remembering the {@code addresses} it may be dialed at
   * (those that do not parse are skipped: the others may do). Completes on an event loop.
   */
  public CompletableFuture<MuxedStream> open(PeerId peer, List<String> addresses) {
    List<Multiaddr> dialable = new ArrayList<>();
    for (String a : addresses) {
      try {
        dialable.add(Multiaddr.parse(a));
      } catch (RuntimeException e) {
        // An address we cannot parse is one we cannot dial; the others may do.
      }
    }
    if (!dialable.isEmpty()) {
      host.peerStore().addAddresses(peer, dialable);
    }
    return host.newStream(peer, protocolId);
  }
}
