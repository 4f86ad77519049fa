package ai.hanzo.node.p2p.gossip;

import java.time.Instant;

/** What every gossip payload carries: the peer that published it (checked against the signed {@code from}). */
public interface GossipPayload {
  String peerId();

  Instant timestamp();
}
