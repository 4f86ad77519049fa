package ai.hanzo.node.p2p.gossip;

/** The codecs of the four topics. */
public record GossipCodecs(PayloadCodec<NodeAnnouncement> heartbeat, PayloadCodec<MetricsAnnouncement> metrics,
    PayloadCodec<DeploymentNotice> deployments, PayloadCodec<NetworkCommand> commands) {}
