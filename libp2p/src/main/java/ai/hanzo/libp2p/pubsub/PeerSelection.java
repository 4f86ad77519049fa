package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** Random peer choices (mesh candidates, gossip targets, PX) as the spec asks for them. */
final class PeerSelection {
  private PeerSelection() {}

  /** The peers of {@code from} that pass {@code filter}, in random order. */
  static List<PeerId> shuffled(Collection<PeerId> from, Random random, Predicate<PeerId> filter) {
    List<PeerId> out = new ArrayList<>();
    for (PeerId p : from) {
      if (filter.test(p)) {
        out.add(p);
      }
    }
    Collections.shuffle(out, random);
    return out;
  }
}
