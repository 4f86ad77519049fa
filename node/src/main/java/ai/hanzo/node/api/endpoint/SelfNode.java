package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.metrics.HostMetricsSampler;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * This node as the API describes it: its id (empty until the node has one), lifecycle phase, start time and host
 * metrics. Suppliers because the composition root learns some of them only at start.
 */
public record SelfNode(Supplier<String> nodeId, Supplier<NodePhase> phase, Instant startedAt,
    HostMetricsSampler metrics, Clock clock) {
  boolean isSelf(String requestedId) {
    String own = nodeId.get();
    return requestedId.isEmpty() || own != null && !own.isEmpty() && own.equals(requestedId);
  }

  long uptimeSeconds() {
    return Math.max(0, clock.instant().getEpochSecond() - startedAt.getEpochSecond());
  }
}
