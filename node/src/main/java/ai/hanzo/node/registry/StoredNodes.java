package ai.hanzo.node.registry;

import ai.hanzo.node.metrics.HostMetricsSample;
import ai.hanzo.node.storage.RegisteredNodeRecord;
import java.util.Base64;

/** Converts between the registry's {@link RegisteredNode} and the storage record it is kept as. */
final class StoredNodes {
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private StoredNodes() {}

  static RegisteredNodeRecord toRecord(RegisteredNode n) {
    HostMetricsSample m = n.lastMetrics();
    PendingProof p = n.pendingProof();
    return new RegisteredNodeRecord(n.nodeId(), ENCODER.encodeToString(n.publicKey()), n.operatorAddress(),
        n.endpoint(), toRecord(n.capabilities()), n.state().name(), n.registeredAt(), n.confirmedAt(),
        n.lastSeen(),
        m == null ? null : new RegisteredNodeRecord.Metrics(m.timestamp(), m.cpuUsage(), m.memoryUsage(),
            m.diskUsage(), m.networkRxBytes(), m.networkTxBytes(), m.activeContainers()),
        p == null ? null : new RegisteredNodeRecord.Proof(ENCODER.encodeToString(p.challenge()), p.expiresAt(),
            p.operatorAddress(), p.endpoint(), toRecord(p.capabilities())),
        n.commands().stream().map(c -> new RegisteredNodeRecord.Command(c.commandId(), c.kind().name(),
            ENCODER.encodeToString(c.payload()), c.queuedAt())).toList());
  }

  /**
   * The registry's view of a stored record. A record this code cannot have written (an unknown state or command
   * kind, bad base64, metrics out of range) fails with IllegalArgumentException naming the node.
   */
  static RegisteredNode fromRecord(RegisteredNodeRecord r) {
    try {
      RegisteredNodeRecord.Metrics m = r.lastMetrics();
      RegisteredNodeRecord.Proof p = r.pendingProof();
      return new RegisteredNode(r.nodeId(), DECODER.decode(r.publicKeyBase64()), r.operatorAddress(),
          r.endpoint(), fromRecord(r.capabilities()), RegistrationState.valueOf(r.state()), r.registeredAt(),
          r.confirmedAt(), r.lastSeen(),
          m == null ? null : new HostMetricsSample(m.timestamp(), m.cpuUsage(), m.memoryUsage(), m.diskUsage(),
              m.networkRxBytes(), m.networkTxBytes(), m.activeContainers()),
          p == null ? null : new PendingProof(DECODER.decode(p.challengeBase64()), p.expiresAt(),
              p.operatorAddress(), p.endpoint(), fromRecord(p.capabilities())),
          r.commands().stream().map(c -> new QueuedCommand(c.commandId(), QueuedCommandKind.valueOf(c.kind()),
              DECODER.decode(c.payloadBase64()), c.queuedAt())).toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the stored registration of node '" + r.nodeId() + "' is unreadable: "
          + e.getMessage(), e);
    }
  }

  private static RegisteredNodeRecord.Capabilities toRecord(NodeCapabilities c) {
    return new RegisteredNodeRecord.Capabilities(c.cpuCores(), c.memoryBytes(), c.diskBytes(),
        c.gpus().stream().map(g -> new RegisteredNodeRecord.Gpu(g.model(), g.memoryBytes(), g.driverVersion()))
            .toList(),
        c.mlxEnabled(), c.supportedRuntimes(), c.region(), c.zone());
  }

  private static NodeCapabilities fromRecord(RegisteredNodeRecord.Capabilities c) {
    return new NodeCapabilities(c.cpuCores(), c.memoryBytes(), c.diskBytes(),
        c.gpus().stream().map(g -> new NodeCapabilities.Gpu(g.model(), g.memoryBytes(), g.driverVersion()))
            .toList(),
        c.mlxEnabled(), c.supportedRuntimes(), c.region(), c.zone());
  }
}
