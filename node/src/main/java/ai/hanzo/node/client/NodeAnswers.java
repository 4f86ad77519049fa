package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.ConsensusStatus;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.QueryUsageResponse;
import ai.hanzo.node.api.v1.SchedulingStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's answers about itself (health, status, metrics, events, audit, scheduling) as the client's records. A
 * sub-message the node did not send becomes {@code null}, as its JSON leaves it out.
 */
final class NodeAnswers {
  private NodeAnswers() {}

  static Health health(GetHealthResponse h) {
    ConsensusStatus c = h.getConsensus();
    return new Health(h.getStatus().name(), h.getVersion(), h.getMlxEnabled(), h.getModelsList(),
        h.hasConsensus() ? new Health.Consensus(c.getSynced(), c.getBlockHeight(), c.getNetworkId()) : null,
        h.getChecksList().stream()
            .map(k -> new Health.Check(k.getName(), k.getStatus().name(), k.getReason())).toList());
  }

  static NodeStatus status(GetStatusResponse s) {
    return new NodeStatus(s.getState().name(), s.getUptimeSeconds(), s.hasMetrics() ? metrics(s.getMetrics()) : null,
        s.getDeploymentsList().stream().map(WorkloadAnswers::deployment).toList());
  }

  static Metrics metrics(NodeMetrics m) {
    return new Metrics(m.getCpuUsage(), m.getMemoryUsage(), m.getDiskUsage(), m.getNetworkRxBytes(),
        m.getNetworkTxBytes(), m.getActiveContainers());
  }

  static Metrics.Sample sample(MetricsResponse r) {
    return new Metrics.Sample(r.getTimestamp(), r.hasMetrics() ? metrics(r.getMetrics()) : null);
  }

  static Event event(NodeEvent e) {
    return new Event(e.getTimestamp(), e.getEventType(), e.getResourceType(), e.getResourceId(), e.getMessage(),
        ordered(e.getAttributesMap()));
  }

  static AuditPage audit(QueryAuditResponse r) {
    return new AuditPage(r.getRecordsList().stream().map(NodeAnswers::auditEntry).toList(), r.getNextPageToken());
  }

  private static AuditPage.Entry auditEntry(AuditRecord a) {
    return new AuditPage.Entry(a.getTimestampMillis(), a.getPrincipal(), a.getAction(), a.getResource(),
        a.getOutcome(), a.getRemote(), ordered(a.getDetailsMap()));
  }

  static UsageReport usage(QueryUsageResponse r) {
    return new UsageReport(
        r.getRecordsList().stream().map(u -> new UsageReport.Entry(u.getTime(), u.getRequestId(), u.getModel(),
            u.getSubject(), u.getOrg(), u.getApi(), u.getPromptTokens(), u.getCompletionTokens(),
            u.getFinishReason(), u.getDurationMillis())).toList(),
        r.getTotalsList().stream().map(t -> new UsageReport.Total(t.getOrg(), t.getModel(), t.getRequests(),
            t.getPromptTokens(), t.getCompletionTokens(), t.getTotalTokens())).toList(),
        r.getTotalsComplete(), r.getNextPageToken(),
        r.getComputeList().stream().map(c -> new UsageReport.Compute(c.getOrg(), c.getDeploymentId(), c.getStart(),
            c.getEnd(), c.getCpuSeconds(), c.getMemoryGibSeconds(), c.getIntervals(), c.getGpuSeconds(),
            c.getNetworkRxBytes(), c.getNetworkTxBytes())).toList(),
        r.getComputeComplete());
  }

  static Scheduling scheduling(SchedulingStatus s) {
    return new Scheduling(s.getCordoned(), s.getDrain().name(), s.getDeployments(), s.getMessage());
  }

  /** A wire map in the order the node sent it (Map.copyOf would lose the order, and with it the output's). */
  static Map<String, String> ordered(Map<String, String> wire) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(wire));
  }
}
