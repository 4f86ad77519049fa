package ai.hanzo.node.p2p;

import ai.hanzo.node.p2p.gossip.CommandAuthority;
import ai.hanzo.node.p2p.gossip.CommandExecutor;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.LocalNode;
import ai.hanzo.node.p2p.gossip.PeerAdmission;

/**
 * What the node's gossip needs from the rest of the node, supplied by the composition root.
 *
 * @param admission whether a peer's messages count at all (with {@code --require-stake}, its stake on chain)
 */
public record GossipWiring(GossipCodecs codecs, LocalNode self, CommandAuthority authority,
    CommandExecutor executor, PeerAdmission admission) {
  /** Gossip that admits every peer. */
  public GossipWiring(GossipCodecs codecs, LocalNode self, CommandAuthority authority, CommandExecutor executor) {
    this(codecs, self, authority, executor, PeerAdmission.OPEN);
  }
}
