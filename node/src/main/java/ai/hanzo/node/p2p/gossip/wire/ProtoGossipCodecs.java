package ai.hanzo.node.p2p.gossip.wire;

import static ai.hanzo.node.p2p.gossip.wire.WireFields.required;
import static ai.hanzo.node.p2p.gossip.wire.WireFields.text;
import static ai.hanzo.node.p2p.gossip.wire.WireFields.time;

import ai.hanzo.node.api.v1.DeploymentAnnouncement;
import ai.hanzo.node.api.v1.MetricsAnnouncement;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.DeploymentNotice;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.p2p.gossip.NodeAnnouncement;
import ai.hanzo.node.p2p.gossip.PayloadCodec;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.regex.Pattern;

/** The gossip payloads as network.proto messages, protobuf binary. */
public final class ProtoGossipCodecs {
  private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private ProtoGossipCodecs() {}

  /** For views that show capabilities as the API's NodeCapabilities. */
  public static ai.hanzo.node.api.v1.NodeCapabilities capabilities(ai.hanzo.node.p2p.gossip.Capabilities c) {
    return WireFields.capabilities(c);
  }

  public static ai.hanzo.node.api.v1.NodeMetrics metrics(ai.hanzo.node.p2p.gossip.MetricsSummary m) {
    return WireFields.metrics(m);
  }

  public static GossipCodecs create() {
    return new GossipCodecs(new Heartbeat(), new Metrics(), new Deployments(), new Commands());
  }

  /** The protobuf parser's own complaint, as a typed error. */
  @FunctionalInterface
  private interface Parser<M> {
    M parse(byte[] bytes) throws InvalidProtocolBufferException;
  }

  private static <M> M parse(String what, Parser<M> parser, byte[] bytes) {
    try {
      return parser.parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a " + what + " message: " + e.getMessage(), e);
    }
  }

  static final class Heartbeat implements PayloadCodec<NodeAnnouncement> {
    @Override
    public byte[] encode(NodeAnnouncement a) {
      var b = ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId(a.nodeId()).setPeerId(a.peerId())
          .setAgent(a.agent()).setState(NodeState.valueOf("NODE_STATE_" + a.state()))
          .setCapabilities(WireFields.capabilities(a.capabilities())).setMetrics(WireFields.metrics(a.metrics()))
          .addAllApiEndpoints(a.apiEndpoints()).setTimestampMs(a.timestamp().toEpochMilli())
          .setOperatorAddress(a.operatorAddress()).addAllP2PAddresses(a.p2pAddresses());
      // Unknown facts go out as no block at all, so an older receiver and a newer one read the same heartbeat.
      if (a.placement().known()) {
        b.setPlacement(WireFields.placement(a.placement()));
      }
      return b.build().toByteArray();
    }

    @Override
    public NodeAnnouncement decode(byte[] bytes) {
      var m = parse("NodeAnnouncement", ai.hanzo.node.api.v1.NodeAnnouncement::parseFrom, bytes);
      if (m.getState() == NodeState.NODE_STATE_UNSPECIFIED || m.getState() == NodeState.UNRECOGNIZED) {
        throw new MalformedPayloadException("state is missing or unknown (" + m.getStateValue() + ")");
      }
      return new NodeAnnouncement(required("node_id", m.getNodeId()), required("peer_id", m.getPeerId()),
          text("agent", m.getAgent()), m.getState().name().substring("NODE_STATE_".length()),
          WireFields.capabilities(m.getCapabilities()), WireFields.metrics(m.getMetrics()),
          WireFields.texts("api_endpoints", m.getApiEndpointsList()), time("timestamp_ms", m.getTimestampMs()),
          WireFields.address("operator_address", m.getOperatorAddress()),
          m.hasPlacement() ? WireFields.placement(m.getPlacement()) : PlacementFacts.UNKNOWN,
          WireFields.p2pAddresses(m.getP2PAddressesList()));
    }
  }

  static final class Metrics implements PayloadCodec<ai.hanzo.node.p2p.gossip.MetricsAnnouncement> {
    @Override
    public byte[] encode(ai.hanzo.node.p2p.gossip.MetricsAnnouncement a) {
      return MetricsAnnouncement.newBuilder().setNodeId(a.nodeId()).setPeerId(a.peerId())
          .setMetrics(WireFields.metrics(a.metrics())).setTimestampMs(a.timestamp().toEpochMilli()).build()
          .toByteArray();
    }

    @Override
    public ai.hanzo.node.p2p.gossip.MetricsAnnouncement decode(byte[] bytes) {
      MetricsAnnouncement m = parse("MetricsAnnouncement", MetricsAnnouncement::parseFrom, bytes);
      return new ai.hanzo.node.p2p.gossip.MetricsAnnouncement(required("node_id", m.getNodeId()),
          required("peer_id", m.getPeerId()), WireFields.metrics(m.getMetrics()),
          time("timestamp_ms", m.getTimestampMs()));
    }
  }

  static final class Deployments implements PayloadCodec<DeploymentNotice> {
    @Override
    public byte[] encode(DeploymentNotice n) {
      return DeploymentAnnouncement.newBuilder().setNodeId(n.nodeId()).setPeerId(n.peerId())
          .setEventType(n.eventType()).setDeploymentId(n.deploymentId()).setMessage(n.message())
          .putAllAttributes(n.attributes()).setTimestampMs(n.timestamp().toEpochMilli()).build().toByteArray();
    }

    @Override
    public DeploymentNotice decode(byte[] bytes) {
      DeploymentAnnouncement m = parse("DeploymentAnnouncement", DeploymentAnnouncement::parseFrom, bytes);
      if (m.getAttributesCount() > WireFields.MAX_LIST) {
        throw new MalformedPayloadException("attributes has more than " + WireFields.MAX_LIST + " entries");
      }
      m.getAttributesMap().forEach((k, v) -> {
        text("attribute name", k);
        text("attribute " + k, v);
      });
      String type = required("event_type", m.getEventType());
      if (!type.startsWith("deployment.")) {
        throw new MalformedPayloadException("event_type '" + type + "' is not a deployment.* event");
      }
      return new DeploymentNotice(required("node_id", m.getNodeId()), required("peer_id", m.getPeerId()), type,
          required("deployment_id", m.getDeploymentId()), text("message", m.getMessage()), m.getAttributesMap(),
          time("timestamp_ms", m.getTimestampMs()));
    }
  }

  static final class Commands implements PayloadCodec<NetworkCommand> {
    @Override
    public byte[] encode(NetworkCommand c) {
      return ai.hanzo.node.api.v1.NetworkCommand.newBuilder().setCommandId(c.commandId())
          .setType(NetworkCommandType.valueOf("NETWORK_COMMAND_TYPE_" + c.kind().name()))
          .setTargetNodeId(c.targetNodeId()).setTargetPeerId(c.targetPeerId()).setIssuerPeerId(c.issuerPeerId())
          .setIssuedAtMs(c.issuedAt().toEpochMilli()).setExpiresAtMs(c.expiresAt().toEpochMilli())
          .setDrainDeadlineSeconds((int) c.drainDeadline().toSeconds()).build().toByteArray();
    }

    @Override
    public NetworkCommand decode(byte[] bytes) {
      var m = parse("NetworkCommand", ai.hanzo.node.api.v1.NetworkCommand::parseFrom, bytes);
      if (!COMMAND_ID.matcher(m.getCommandId()).matches()) {
        throw new MalformedPayloadException("command_id must be 1 to 128 of A-Z a-z 0-9 . _ : -");
      }
      CommandKind kind = switch (m.getType()) {
        case NETWORK_COMMAND_TYPE_DRAIN -> CommandKind.DRAIN;
        case NETWORK_COMMAND_TYPE_CORDON -> CommandKind.CORDON;
        case NETWORK_COMMAND_TYPE_UNCORDON -> CommandKind.UNCORDON;
        default -> throw new MalformedPayloadException("type is missing or unknown (" + m.getTypeValue() + ")");
      };
      return new NetworkCommand(m.getCommandId(), kind, text("target_node_id", m.getTargetNodeId()),
          text("target_peer_id", m.getTargetPeerId()), required("issuer_peer_id", m.getIssuerPeerId()),
          time("issued_at_ms", m.getIssuedAtMs()),
          m.getExpiresAtMs() <= 0 ? java.time.Instant.EPOCH : java.time.Instant.ofEpochMilli(m.getExpiresAtMs()),
          Duration.ofSeconds(Integer.toUnsignedLong(m.getDrainDeadlineSeconds())));
    }
  }
}
