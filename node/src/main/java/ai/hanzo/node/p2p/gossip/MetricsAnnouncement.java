package ai.hanzo.node.p2p.gossip;

import java.time.Instant;

/** A metrics summary on {@code hanzo/metrics/v1}. */
public record MetricsAnnouncement(String nodeId, String peerId, MetricsSummary metrics, Instant timestamp)
    implements GossipPayload {}
