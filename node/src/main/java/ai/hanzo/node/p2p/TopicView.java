package ai.hanzo.node.p2p;

/** A subscribed topic with the peers in our mesh for it and all peers known to be subscribed. */
public record TopicView(String topic, int meshPeers, int topicPeers) {}
