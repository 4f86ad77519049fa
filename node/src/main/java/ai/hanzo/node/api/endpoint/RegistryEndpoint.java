package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.mapping.ProtoMapping;
import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.AckCommandResponse;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.ConfirmRegistrationResponse;
import ai.hanzo.node.api.v1.GetRegisteredNodeRequest;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.HeartbeatResponse;
import ai.hanzo.node.api.v1.ListRegisteredNodesResponse;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.QueueCommandResponse;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.api.v1.RegisteredNodeInfo;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesResponse;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.registry.NodeCapabilities;
import ai.hanzo.node.registry.NodeIds;
import ai.hanzo.node.registry.NodeRegistry;
import ai.hanzo.node.registry.QueuedCommand;
import ai.hanzo.node.registry.Registration;
import com.google.protobuf.ByteString;
import java.time.Clock;
import java.util.List;

/** RegisterNode, Heartbeat, UpdateCapabilities and the admin registry RPCs, validated and mapped to the registry. */
public final class RegistryEndpoint {
  private final NodeRegistry registry;
  private final Clock clock;

  public RegistryEndpoint(NodeRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public RegisterNodeResponse register(RegisterNodeRequest r) {
    if (!r.getNodeId().isEmpty()) {
      NodeIds.validate(r.getNodeId(), "node_id");
    }
    NodeCapabilities caps = r.hasCapabilities() ? ProtoMapping.capabilities(r.getCapabilities())
        : NodeCapabilities.NONE;
    var challenge = registry.register(new Registration(r.getNodeId(), r.getOperatorAddress(), r.getEndpoint(),
        r.getPublicKey().toByteArray(), caps));
    return RegisterNodeResponse.newBuilder().setSuccess(true).setAssignedNodeId(challenge.nodeId())
        .setChallenge(ByteString.copyFrom(challenge.challenge()))
        .setMessage("sign the challenge with your Ed25519 key and call NodeAdminService.ConfirmRegistration"
            + " before " + challenge.expiresAt())
        .build();
  }

  public HeartbeatResponse heartbeat(HeartbeatRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    if (!r.hasMetrics()) {
      throw NodeException.invalidField("metrics", "is required");
    }
    List<QueuedCommand> pending = registry.heartbeat(r.getNodeId(),
        ProtoMapping.metrics(r.getMetrics(), clock.instant(), "metrics"));
    HeartbeatResponse.Builder b = HeartbeatResponse.newBuilder().setAcknowledged(true)
        .setServerTimestamp(clock.instant().getEpochSecond());
    pending.forEach(c -> b.addPendingCommands(ProtoMapping.command(c)));
    return b.build();
  }

  public UpdateCapabilitiesResponse updateCapabilities(UpdateCapabilitiesRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    if (!r.hasCapabilities()) {
      throw NodeException.invalidField("capabilities", "is required");
    }
    registry.updateCapabilities(r.getNodeId(), ProtoMapping.capabilities(r.getCapabilities()));
    return UpdateCapabilitiesResponse.newBuilder().setSuccess(true).setMessage("capabilities updated").build();
  }

  public ConfirmRegistrationResponse confirm(ConfirmRegistrationRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    if (r.getSignature().isEmpty()) {
      throw NodeException.invalidField("signature", "is required (Ed25519 signature of the challenge)");
    }
    registry.confirm(r.getNodeId(), r.getSignature().toByteArray());
    return ConfirmRegistrationResponse.newBuilder().setSuccess(true).setMessage("registration confirmed").build();
  }

  public ListRegisteredNodesResponse list() {
    ListRegisteredNodesResponse.Builder b = ListRegisteredNodesResponse.newBuilder();
    registry.list().forEach(n -> b.addNodes(ProtoMapping.registeredNode(n)));
    return b.build();
  }

  public RegisteredNodeInfo get(GetRegisteredNodeRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    return ProtoMapping.registeredNode(registry.get(r.getNodeId())
        .orElseThrow(() -> NodeException.notFound("node", r.getNodeId())));
  }

  public QueueCommandResponse queueCommand(QueueCommandRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    QueuedCommand c = registry.queueCommand(r.getNodeId(), ProtoMapping.commandKind(r.getType(), "type"),
        r.getPayload().toByteArray());
    return QueueCommandResponse.newBuilder().setCommandId(c.commandId()).build();
  }

  public AckCommandResponse ack(AckCommandRequest r) {
    NodeIds.validate(r.getNodeId(), "node_id");
    if (r.getCommandId().isEmpty()) {
      throw NodeException.invalidField("command_id", "is required");
    }
    registry.acknowledge(r.getNodeId(), r.getCommandId());
    return AckCommandResponse.newBuilder().setAcknowledged(true).build();
  }
}
