package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.MetricsResponse;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Turns API answers into what the CLI prints, in the chosen {@link OutputFormat}. */
final class Renderer {
  private static final JsonFormat.Printer PRETTY = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Printer COMPACT = PRETTY.omittingInsignificantWhitespace();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private final OutputFormat format;

  Renderer(OutputFormat format) {
    this.format = format;
  }

  String health(GetHealthResponse h) {
    if (format != OutputFormat.TABLE) {
      return structured(h, false);
    }
    return table(new String[][] {
      {"STATUS", h.getStatus().name().replace("HEALTH_STATUS_", "")},
      {"VERSION", h.getVersion()},
      {"MLX", Boolean.toString(h.getMlxEnabled())},
      {"NETWORK", h.getConsensus().getNetworkId()},
      {"MODELS", h.getModelsCount() == 0 ? "-" : String.join(", ", h.getModelsList())},
    });
  }

  String status(GetStatusResponse s) {
    if (format != OutputFormat.TABLE) {
      return structured(s, false);
    }
    NodeMetrics m = s.getMetrics();
    StringBuilder sb = new StringBuilder(table(new String[][] {
      {"STATE", s.getState().name().replace("NODE_STATE_", "")},
      {"UPTIME", duration(s.getUptimeSeconds())},
      {"CPU", percent(m.getCpuUsage())},
      {"MEMORY", percent(m.getMemoryUsage())},
      {"DISK", percent(m.getDiskUsage())},
      {"NET RX", bytes(m.getNetworkRxBytes())},
      {"NET TX", bytes(m.getNetworkTxBytes())},
      {"CONTAINERS", Integer.toString(m.getActiveContainers())},
      {"DEPLOYMENTS", Integer.toString(s.getDeploymentsCount())},
    }));
    for (DeploymentStatus d : s.getDeploymentsList()) {
      sb.append(String.format("  %-24s %-20s %-10s %d/%d%n", d.getDeploymentId(), d.getName(), d.getStatus(),
          d.getReadyReplicas(), d.getReplicas()));
    }
    return sb.toString();
  }

  static String metricsHeader() {
    return String.format("%-20s %7s %7s %7s %12s %12s %10s%n", "TIME", "CPU", "MEMORY", "DISK", "NET RX", "NET TX",
        "CONTAINERS");
  }

  /** One line per sample (JSON lines / YAML documents when not a table). */
  String metricsLine(MetricsResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, true);
    }
    NodeMetrics m = r.getMetrics();
    return String.format("%-20s %7s %7s %7s %12s %12s %10d%n", Instant.ofEpochSecond(r.getTimestamp()),
        percent(m.getCpuUsage()), percent(m.getMemoryUsage()), percent(m.getDiskUsage()),
        bytes(m.getNetworkRxBytes()), bytes(m.getNetworkTxBytes()), m.getActiveContainers());
  }

  String eventLine(NodeEvent e) {
    if (format != OutputFormat.TABLE) {
      return structured(e, true);
    }
    return String.format("%s %-28s %s/%s %s%n", Instant.ofEpochSecond(e.getTimestamp()), e.getEventType(),
        e.getResourceType(), e.getResourceId(), e.getMessage());
  }

  String deployed(DeployResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    return table(new String[][] {
      {"DEPLOYMENT", r.getDeploymentId()},
      {"MESSAGE", r.getMessage()},
      {"ENDPOINTS", r.getEndpointsCount() == 0 ? "-" : String.join(", ", r.getEndpointsList())},
    });
  }

  String deployments(ListDeploymentsResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    StringBuilder sb = new StringBuilder(String.format("%-24s %-20s %-12s %s%n", "DEPLOYMENT", "NAME", "STATUS",
        "READY"));
    for (DeploymentStatus d : r.getDeploymentsList()) {
      sb.append(String.format("%-24s %-20s %-12s %d/%d%s%n", d.getDeploymentId(), d.getName(), d.getStatus(),
          d.getReadyReplicas(), d.getReplicas(), waitingNote(d)));
    }
    return sb.toString();
  }

  /**
   * Why a deployment's replicas do not run, after its READY column: the first replica waiting for something other
   * than its turn ({@code waiting: ImageNotFound}), and how many more wait.
   */
  private static String waitingNote(DeploymentStatus d) {
    List<ReplicaStatus> stuck = d.getReplicaStatusesList().stream()
        .filter(s -> s.getState().equals("waiting") && !s.getReason().equals("Pending")
            && !s.getReason().equals("ContainerCreating"))
        .toList();
    if (stuck.isEmpty()) {
      return "";
    }
    return "  " + state(stuck.get(0).getState(), stuck.get(0).getReason()) + " (" + stuck.get(0).getName()
        + (stuck.size() > 1 ? " and " + (stuck.size() - 1) + " more" : "") + ")";
  }

  /** One deployment with each replica's state and, when it does not run, why. */
  String deployment(DeploymentStatus d) {
    if (format != OutputFormat.TABLE) {
      return structured(d, false);
    }
    StringBuilder sb = new StringBuilder(table(new String[][] {
      {"DEPLOYMENT", d.getDeploymentId()},
      {"NAME", d.getName()},
      {"STATUS", d.getStatus()},
      {"READY", d.getReadyReplicas() + "/" + d.getReplicas()},
    }));
    String row = "%-32s %-16s %-28s %-8s %s%n";
    sb.append('\n').append(String.format(row, "REPLICA", "CONTAINER", "STATUS", "RESTARTS", "MESSAGE"));
    for (ReplicaStatus s : d.getReplicaStatusesList()) {
      sb.append(String.format(row, s.getName(), s.getContainerId().isEmpty() ? "-" : s.getContainerId(),
          state(s.getState(), s.getReason()), s.getRestartCount(), message(s.getMessage(), s.getNextRetryMillis())));
    }
    return sb.toString();
  }

  /** One container, with why it does not run. */
  String container(ContainerInfo c) {
    if (format != OutputFormat.TABLE) {
      return structured(c, false);
    }
    return table(new String[][] {
      {"CONTAINER", c.getId()},
      {"NAME", c.getName()},
      {"IMAGE", c.getImage()},
      {"STATUS", state(c.getState(), c.getReason())},
      {"DETAIL", c.getStatus()},
      {"RESTARTS", Integer.toString(c.getRestartCount())},
      {"MESSAGE", message(c.getMessage(), c.getNextRetryMillis()).isEmpty() ? "-"
          : message(c.getMessage(), c.getNextRetryMillis())},
      {"PORTS", c.getPortsCount() == 0 ? "-" : String.join(", ", c.getPortsList())},
    });
  }

  /** {@code running}, or the state with its reason: {@code waiting: CrashLoopBackOff}, {@code exited: Error}. */
  static String state(String state, String reason) {
    return reason.isEmpty() ? state : state + ": " + reason;
  }

  private static String message(String message, long nextRetryMillis) {
    String next = nextRetryMillis == 0 ? "" : "next attempt at " + Instant.ofEpochMilli(nextRetryMillis);
    return message.isEmpty() ? next : next.isEmpty() ? message : message + " (" + next + ")";
  }

  String audit(QueryAuditResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    String row = "%-24s %-28s %-44s %-20s %-18s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "TIME", "PRINCIPAL", "ACTION", "RESOURCE", "OUTCOME",
        "REMOTE"));
    for (AuditRecord a : r.getRecordsList()) {
      sb.append(String.format(row, Instant.ofEpochMilli(a.getTimestampMillis()), a.getPrincipal(), a.getAction(),
          a.getResource().isEmpty() ? "-" : a.getResource(), a.getOutcome(), a.getRemote()));
    }
    if (!r.getNextPageToken().isEmpty()) {
      sb.append("more: --page-token ").append(r.getNextPageToken()).append('\n');
    }
    return sb.toString();
  }

  String containers(ListContainersResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    String row = "%-16s %-24s %-24s %-28s %-8s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "CONTAINER", "NAME", "IMAGE", "STATUS", "RESTARTS",
        "PORTS"));
    for (ContainerInfo c : r.getContainersList()) {
      sb.append(String.format(row, c.getId(), c.getName(), c.getImage(), state(c.getState(), c.getReason()),
          c.getRestartCount(), String.join(",", c.getPortsList())));
    }
    return sb.toString();
  }

  String scaled(ScaleResponse r) {
    return format != OutputFormat.TABLE ? structured(r, false)
        : r.getMessage() + " (was " + r.getPreviousReplicas() + ")\n";
  }

  /** The message of a Stop or Remove answer, or the whole answer as JSON/YAML. */
  String done(Message r, String message) {
    return format != OutputFormat.TABLE ? structured(r, false) : message + "\n";
  }

  /** Table form prints the line as the service wrote it, prefixed with its service name. */
  String logLine(LogEntry e) {
    if (format != OutputFormat.TABLE) {
      return structured(e, true);
    }
    String message = e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n";
    return (e.getService().isEmpty() ? "" : e.getService() + " | ") + message;
  }

  private String structured(Message m, boolean oneLine) {
    try {
      if (format == OutputFormat.JSON) {
        return (oneLine ? COMPACT : PRETTY).print(m) + "\n";
      }
      // YAML documents start with '---', so a stream of them stays parseable.
      return YAML.writeValueAsString(JSON.readTree(COMPACT.print(m)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String table(String[][] rows) {
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      sb.append(String.format("%-12s %s%n", row[0], row[1]));
    }
    return sb.toString();
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String bytes(double n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (n >= 1024 && u < units.length - 1) {
      n /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s", n, units[u]);
  }

  static String duration(long seconds) {
    long d = seconds / 86400;
    long h = seconds % 86400 / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return d > 0 ? d + "d" + h + "h" + m + "m" : h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s"
        : s + "s";
  }

  String peers(ListPeersResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    String row = "%-54s %-9s %-9s %9s %-21s %-16s %-9s %-24s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "PEER", "STATE", "DIRECTION", "RTT", "LAST SEEN",
        "NODE", "NODE STATE", "CAPABILITIES", "ADDRESS"));
    for (var p : r.getPeersList()) {
      boolean announced = p.getLastHeartbeat() != 0;
      sb.append(String.format(row, p.getPeerId(),
          p.getConnected() ? "connected" : "known", p.getDirection().isEmpty() ? "-" : p.getDirection(),
          p.getRttMs() == 0 ? "-" : String.format("%.1f ms", p.getRttMs()), Instant.ofEpochSecond(p.getLastSeen()),
          announced ? p.getNodeId() : "-", announced ? p.getState().name().replace("NODE_STATE_", "") : "-",
          announced ? capabilities(p.getCapabilities()) : "-",
          p.getAddressesCount() == 0 ? "-" : p.getAddresses(0)));
    }
    return sb.toString();
  }

  private static String capabilities(ai.hanzo.node.api.v1.NodeCapabilities c) {
    StringBuilder sb = new StringBuilder(c.getCpuCores() + " cpu, " + (c.getMemoryBytes() >> 30) + " GiB");
    c.getGpusList().forEach(g -> sb.append(", ").append(g.getModel()));
    if (c.getSupportedRuntimesCount() > 0) {
      sb.append(", ").append(String.join("/", c.getSupportedRuntimesList()));
    }
    return sb.toString();
  }

  String sent(ai.hanzo.node.api.v1.SendCommandResponse r) {
    return done(r, "command " + r.getCommandId() + " published to " + r.getPeers() + " peers, valid until "
        + Instant.ofEpochMilli(r.getExpiresAtMs()));
  }

  String providers(ai.hanzo.node.api.v1.FindProvidersResponse r) {
    if (format != OutputFormat.TABLE) {
      return structured(r, false);
    }
    StringBuilder sb = new StringBuilder(String.format("%-54s %-16s %s%n", "PEER", "NODE", "ADDRESSES"));
    for (var p : r.getProvidersList()) {
      sb.append(String.format("%-54s %-16s %s%n", p.getPeerId(), p.getNodeId().isEmpty() ? "-" : p.getNodeId(),
          p.getAddressesCount() == 0 ? "-" : String.join(", ", p.getAddressesList())));
    }
    return sb.toString();
  }

  String network(NetworkInfo n) {
    if (format != OutputFormat.TABLE) {
      return structured(n, false);
    }
    return table(new String[][] {
      {"PEER ID", n.getPeerId()},
      {"NETWORK", n.getNetworkId()},
      {"LISTEN", String.join(", ", n.getListenAddressesList())},
      {"PEERS", n.getConnectedPeers() + " connected, " + n.getKnownPeers() + " known, at most " + n.getMaxPeers()},
      {"MDNS", n.getMdns() ? "on" : "off"},
      {"DHT", n.getDhtMode() + ", " + n.getRoutingTableSize() + " peers in the routing table"},
      {"TOPICS", String.join(", ", n.getTopicsList().stream()
          .map(t -> t.getTopic() + " (mesh " + t.getMeshPeers() + ", subscribed " + t.getTopicPeers() + ")")
          .toList())},
      {"AGENT", n.getAgentVersion()},
    });
  }
}
