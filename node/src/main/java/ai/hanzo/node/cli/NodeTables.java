package ai.hanzo.node.cli;

import static ai.hanzo.node.cli.Tables.bytes;
import static ai.hanzo.node.cli.Tables.enumWord;
import static ai.hanzo.node.cli.Tables.labelled;
import static ai.hanzo.node.cli.Tables.percent;

import ai.hanzo.node.client.AuditPage;
import ai.hanzo.node.client.UsageReport;
import ai.hanzo.node.client.Deployment;
import ai.hanzo.node.client.Event;
import ai.hanzo.node.client.Health;
import ai.hanzo.node.client.Metrics;
import ai.hanzo.node.client.NodeStatus;
import java.time.Instant;

/** The table form of a node's answers about itself: health, status, metrics, events and the audit trail. */
final class NodeTables {
  /** What a node that sent no metrics (or no consensus) reads as: all zero, as the wire's defaults were. */
  private static final Metrics NO_METRICS = new Metrics(0, 0, 0, 0, 0, 0);
  private static final String METRICS_ROW = "%-20s %7s %7s %7s %12s %12s %10";

  private NodeTables() {}

  static String health(Health h) {
    return labelled(new String[][] {
      {"STATUS", enumWord(h.status(), "HEALTH_STATUS_")},
      {"VERSION", h.version()},
      {"MLX", Boolean.toString(h.mlxEnabled())},
      {"NETWORK", h.consensus() == null ? "" : h.consensus().networkId()},
      {"MODELS", h.models().isEmpty() ? "-" : String.join(", ", h.models())},
    }) + checks(h.checks());
  }

  /** One line per check under the summary, so an operator sees which check is failing and why. */
  private static String checks(java.util.List<Health.Check> checks) {
    StringBuilder sb = new StringBuilder(checks.isEmpty() ? "" : String.format("CHECKS%n"));
    for (Health.Check c : checks) {
      sb.append(String.format("  %-12s %-10s %s%n", c.name(), enumWord(c.status(), "HEALTH_STATUS_"), c.reason()));
    }
    return sb.toString();
  }

  static String status(NodeStatus s) {
    Metrics m = s.metrics() == null ? NO_METRICS : s.metrics();
    StringBuilder sb = new StringBuilder(labelled(new String[][] {
      {"STATE", enumWord(s.state(), "NODE_STATE_")},
      {"UPTIME", Tables.duration(s.uptimeSeconds())},
      {"CPU", percent(m.cpuUsage())},
      {"MEMORY", percent(m.memoryUsage())},
      {"DISK", percent(m.diskUsage())},
      {"NET RX", bytes(m.networkRxBytes())},
      {"NET TX", bytes(m.networkTxBytes())},
      {"CONTAINERS", Integer.toString(m.activeContainers())},
      {"DEPLOYMENTS", Integer.toString(s.deployments().size())},
    }));
    for (Deployment d : s.deployments()) {
      sb.append(String.format("  %-24s %-20s %-10s %-7s %d up-to-date%n", d.deploymentId(), d.name(), d.status(),
          d.readyReplicas() + "/" + d.replicas(), d.updatedReplicas()));
    }
    return sb.toString();
  }

  static String metricsHeader() {
    return String.format(METRICS_ROW + "s%n", "TIME", "CPU", "MEMORY", "DISK", "NET RX", "NET TX", "CONTAINERS");
  }

  static String metricsLine(Metrics.Sample r) {
    Metrics m = r.metrics() == null ? NO_METRICS : r.metrics();
    return String.format(METRICS_ROW + "d%n", Instant.ofEpochSecond(r.timestamp()), percent(m.cpuUsage()),
        percent(m.memoryUsage()), percent(m.diskUsage()), bytes(m.networkRxBytes()), bytes(m.networkTxBytes()),
        m.activeContainers());
  }

  static String eventLine(Event e) {
    return String.format("%s %-28s %s/%s %s%n", Instant.ofEpochSecond(e.timestamp()), e.eventType(),
        e.resourceType(), e.resourceId(), e.message());
  }

  /** One page; it ends with the option that fetches the next page, if there is one. */
  static String audit(AuditPage r) {
    String row = "%-24s %-28s %-44s %-20s %-18s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "TIME", "PRINCIPAL", "ACTION", "RESOURCE", "OUTCOME",
        "REMOTE"));
    for (AuditPage.Entry a : r.records()) {
      sb.append(String.format(row, Instant.ofEpochMilli(a.timestampMillis()), a.principal(), a.action(),
          Tables.orDash(a.resource()), a.outcome(), a.remote()));
    }
    if (!r.nextPageToken().isEmpty()) {
      sb.append("more: --page-token ").append(r.nextPageToken()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The page's requests, then the totals per organisation and model, then compute usage per bucket (when there is
   * any); it ends with the option for the next page.
   */
  static String usage(UsageReport r) {
    String row = "%-24s %-16s %-20s %-24s %-12s %8s %8s %-10s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "TIME", "ORG", "MODEL", "SUBJECT", "API", "PROMPT",
        "COMPL", "FINISH", "MILLIS"));
    for (UsageReport.Entry e : r.records()) {
      sb.append(String.format(row, e.time(), Tables.orDash(e.org()), e.model(), Tables.orDash(e.subject()), e.api(),
          e.promptTokens(), e.completionTokens(), e.finishReason(), e.durationMillis()));
    }
    String total = "%-16s %-20s %10s %14s %18s %14s%n";
    sb.append('\n').append(String.format(total, "ORG", "MODEL", "REQUESTS", "PROMPT_TOKENS", "COMPLETION_TOKENS",
        "TOTAL_TOKENS"));
    for (UsageReport.Total t : r.totals()) {
      sb.append(String.format(total, Tables.orDash(t.org()), t.model(), t.requests(), t.promptTokens(),
          t.completionTokens(), t.totalTokens()));
    }
    if (!r.totalsComplete()) {
      sb.append("totals cover the oldest records of the range only; choose a shorter range for exact ones\n");
    }
    if (!r.compute().isEmpty()) {
      String compute = "%-24s %-24s %-16s %-24s %12s %14s %12s %14s %14s%n";
      sb.append('\n').append(String.format(compute, "START", "END", "ORG", "DEPLOYMENT", "CPU_SECONDS",
          "MEM_GIB_SECONDS", "GPU_SECONDS", "NET_RX_BYTES", "NET_TX_BYTES"));
      for (UsageReport.Compute c : r.compute()) {
        sb.append(String.format(compute, c.start(), c.end(), Tables.orDash(c.org()), c.deploymentId(),
            String.format(java.util.Locale.ROOT, "%.3f", c.cpuSeconds()),
            String.format(java.util.Locale.ROOT, "%.3f", c.memoryGibSeconds()),
            String.format(java.util.Locale.ROOT, "%.3f", c.gpuSeconds()), c.networkRxBytes(), c.networkTxBytes()));
      }
    }
    if (!r.computeComplete()) {
      sb.append("compute usage covers the oldest intervals of the range only; choose a shorter range\n");
    }
    if (!r.nextPageToken().isEmpty()) {
      sb.append("more: --page-token ").append(r.nextPageToken()).append('\n');
    }
    return sb.toString();
  }
}
