package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.storage.PeerRecord;
import ai.hanzo.node.storage.PeerRecordStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Peers the node has met, kept in the node database so that a restarted node finds its network again: every
 * identified peer is recorded with its listen addresses and protocols, and at start the most recently seen ones
 * are dialled. Peers not seen for {@link #FORGET_AFTER} are forgotten.
 */
final class KnownPeers {
  static final int REDIAL_AT_START = 32;
  static final Duration FORGET_AFTER = Duration.ofDays(30);

  private final PeerRecordStore store;
  private final Clock clock;

  KnownPeers(PeerRecordStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void record(PeerId peer, IdentifyMessage identify) {
    store.put(new PeerRecord(peer.toString(),
        identify.listenAddrs().stream().map(Multiaddr::toString).toList(),
        identify.protocols(),
        identify.key().map(k -> Base64.getEncoder().encodeToString(k.marshal())).orElse(null),
        clock.instant()));
  }

  List<PeerRecord> all() {
    return store.list();
  }

  /** Addresses (with /p2p) of the peers to dial at start, most recently seen first; forgets stale ones. */
  List<Multiaddr> redialTargets(PeerId self) {
    Instant oldest = clock.instant().minus(FORGET_AFTER);
    List<Multiaddr> targets = new ArrayList<>();
    List<PeerRecord> fresh = new ArrayList<>();
    for (PeerRecord r : all()) {
      if (r.lastSeen().isBefore(oldest)) {
        store.delete(r.peerId());
      } else if (!r.peerId().equals(self.toString())) {
        fresh.add(r);
      }
    }
    fresh.sort(Comparator.comparing(PeerRecord::lastSeen).reversed());
    for (PeerRecord r : fresh) {
      firstDialable(r).ifPresent(targets::add);
      if (targets.size() == REDIAL_AT_START) {
        break;
      }
    }
    return targets;
  }

  private static java.util.Optional<Multiaddr> firstDialable(PeerRecord r) {
    for (String text : r.addresses()) {
      try {
        Multiaddr a = Multiaddr.parse(text);
        return java.util.Optional.of(text.contains("/p2p/") ? a : Multiaddr.parse(text + "/p2p/" + r.peerId()));
      } catch (MultiformatException e) {
        // an address of a transport this node does not speak: try the next
      }
    }
    return java.util.Optional.empty();
  }
}
