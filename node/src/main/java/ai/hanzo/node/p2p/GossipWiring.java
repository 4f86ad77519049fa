package ai.hanzo.node.p2p;

import ai.hanzo.node.p2p.gossip.CommandAuthority;
import ai.hanzo.node.p2p.gossip.CommandExecutor;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.LocalNode;

/** What the node's gossip needs from the rest of the node, supplied by the composition root. */
public record GossipWiring(GossipCodecs codecs, LocalNode self, CommandAuthority authority,
    CommandExecutor executor) {}
