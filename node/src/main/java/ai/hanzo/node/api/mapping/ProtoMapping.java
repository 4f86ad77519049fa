package ai.hanzo.node.api.mapping;

import ai.hanzo.node.api.v1.CommandType;
import ai.hanzo.node.api.v1.GpuInfo;
import ai.hanzo.node.api.v1.NodeCapabilities;
import ai.hanzo.node.api.v1.NodeCommand;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.api.v1.RegisteredNodeInfo;
import ai.hanzo.node.api.v1.RegistrationState;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.node.registry.NodeKeys;
import ai.hanzo.node.registry.QueuedCommand;
import ai.hanzo.node.registry.QueuedCommandKind;
import ai.hanzo.node.registry.RegisteredNode;
import com.google.protobuf.ByteString;
import java.time.Instant;

/** Conversions between domain records and the hanzo.node.v1 messages; protobuf stays on this side. */
public final class ProtoMapping {
  private ProtoMapping() {}

  public static NodeMetrics metrics(HostMetricsSample s) {
    return NodeMetrics.newBuilder().setCpuUsage(s.cpuUsage()).setMemoryUsage(s.memoryUsage())
        .setDiskUsage(s.diskUsage()).setNetworkRxBytes(s.networkRxBytes()).setNetworkTxBytes(s.networkTxBytes())
        .setActiveContainers(s.activeContainers()).build();
  }

  /** Validates a client-reported sample; {@code field} prefixes the path in errors. */
  public static HostMetricsSample metrics(NodeMetrics m, Instant at, String field) {
    requireFraction(m.getCpuUsage(), field + ".cpu_usage");
    requireFraction(m.getMemoryUsage(), field + ".memory_usage");
    requireFraction(m.getDiskUsage(), field + ".disk_usage");
    long rx = counter(m.getNetworkRxBytes(), field + ".network_rx_bytes");
    long tx = counter(m.getNetworkTxBytes(), field + ".network_tx_bytes");
    return new HostMetricsSample(at, m.getCpuUsage(), m.getMemoryUsage(), m.getDiskUsage(), rx, tx,
        (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(m.getActiveContainers())));
  }

  private static void requireFraction(double v, String field) {
    if (!(v >= 0 && v <= 1)) {
      throw NodeException.invalidField(field, "must be a fraction between 0 and 1, was " + v);
    }
  }

  private static long counter(double v, String field) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw NodeException.invalidField(field, "must be a non-negative byte count, was " + v);
    }
    return (long) Math.min(v, Long.MAX_VALUE);
  }

  public static ai.hanzo.node.registry.NodeCapabilities capabilities(NodeCapabilities c) {
    return new ai.hanzo.node.registry.NodeCapabilities(c.getCpuCores(), c.getMemoryBytes(), c.getDiskBytes(),
        c.getGpusList().stream().map(g -> new ai.hanzo.node.registry.NodeCapabilities.Gpu(g.getModel(),
            g.getMemoryBytes(), g.getDriverVersion())).toList(),
        c.getMlxEnabled(), c.getSupportedRuntimesList(), c.getRegion(), c.getZone());
  }

  public static NodeCapabilities capabilities(ai.hanzo.node.registry.NodeCapabilities c) {
    NodeCapabilities.Builder b = NodeCapabilities.newBuilder().setCpuCores(c.cpuCores())
        .setMemoryBytes(c.memoryBytes()).setDiskBytes(c.diskBytes()).setMlxEnabled(c.mlxEnabled())
        .addAllSupportedRuntimes(c.supportedRuntimes()).setRegion(c.region()).setZone(c.zone());
    c.gpus().forEach(g -> b.addGpus(GpuInfo.newBuilder().setModel(g.model()).setMemoryBytes(g.memoryBytes())
        .setDriverVersion(g.driverVersion())));
    return b.build();
  }

  public static NodeCommand command(QueuedCommand c) {
    return NodeCommand.newBuilder().setCommandId(c.commandId()).setType(commandType(c.kind()))
        .setPayload(ByteString.copyFrom(c.payload())).build();
  }

  static CommandType commandType(QueuedCommandKind kind) {
    return switch (kind) {
      case DEPLOY -> CommandType.COMMAND_TYPE_DEPLOY;
      case STOP -> CommandType.COMMAND_TYPE_STOP;
      case UPDATE -> CommandType.COMMAND_TYPE_UPDATE;
      case DRAIN -> CommandType.COMMAND_TYPE_DRAIN;
    };
  }

  public static QueuedCommandKind commandKind(CommandType type, String field) {
    return switch (type) {
      case COMMAND_TYPE_DEPLOY -> QueuedCommandKind.DEPLOY;
      case COMMAND_TYPE_STOP -> QueuedCommandKind.STOP;
      case COMMAND_TYPE_UPDATE -> QueuedCommandKind.UPDATE;
      case COMMAND_TYPE_DRAIN -> QueuedCommandKind.DRAIN;
      default -> throw NodeException.invalidField(field, "must be one of COMMAND_TYPE_DEPLOY, COMMAND_TYPE_STOP,"
          + " COMMAND_TYPE_UPDATE, COMMAND_TYPE_DRAIN");
    };
  }

  public static NodeEvent event(DomainEvent e) {
    return NodeEvent.newBuilder().setTimestamp(e.timestamp().getEpochSecond()).setEventType(e.type())
        .setResourceType(e.resourceType()).setResourceId(e.resourceId()).setMessage(e.message())
        .putAllAttributes(e.attributes()).build();
  }

  public static RegisteredNodeInfo registeredNode(RegisteredNode n) {
    RegisteredNodeInfo.Builder b = RegisteredNodeInfo.newBuilder().setNodeId(n.nodeId())
        .setOperatorAddress(n.operatorAddress()).setEndpoint(n.endpoint())
        .setState(switch (n.state()) {
          case PENDING_PROOF -> RegistrationState.REGISTRATION_STATE_PENDING_PROOF;
          case ONLINE -> RegistrationState.REGISTRATION_STATE_ONLINE;
          case OFFLINE -> RegistrationState.REGISTRATION_STATE_OFFLINE;
        })
        .setRegisteredAt(seconds(n.registeredAt())).setLastSeen(seconds(n.lastSeen()))
        .setCapabilities(capabilities(n.capabilities())).setPendingCommands(n.commands().size())
        .setPublicKey(ByteString.copyFrom(NodeKeys.libp2pForm(n.publicKey())));
    if (n.lastMetrics() != null) {
      b.setLastMetrics(metrics(n.lastMetrics()));
    }
    return b.build();
  }

  static long seconds(Instant t) {
    return t == null ? 0 : t.getEpochSecond();
  }
}
