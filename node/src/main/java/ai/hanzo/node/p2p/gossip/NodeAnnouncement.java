package ai.hanzo.node.p2p.gossip;

import java.time.Instant;
import java.util.List;

/**
 * A heartbeat on {@code hanzo/heartbeat/v1}.
 *
 * @param state READY, DRAINING, STARTING or STOPPED
 * @param apiEndpoints where the node's API answers, e.g. {@code grpc://127.0.0.1:50051}
 */
public record NodeAnnouncement(String nodeId, String peerId, String agent, String state, Capabilities capabilities,
    MetricsSummary metrics, List<String> apiEndpoints, Instant timestamp) implements GossipPayload {
  public NodeAnnouncement {
    apiEndpoints = List.copyOf(apiEndpoints);
  }
}
