package ai.hanzo.node.api;

import static ai.hanzo.node.api.ApiScenarios.assertError;
import static ai.hanzo.node.api.ComputeScenariosIT.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.ProviderInfo;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.SendCommandResponse;
import ai.hanzo.node.p2p.gossip.CommandRules;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ListPeers, GetNetwork, FindProviders and SendCommand between two real nodes on loopback libp2p. */
@ExtendWith(LiveNodes.Extension.class)
class NetworkScenariosIT {
  private static final List<String> TOPICS = List.of("hanzo/heartbeat/v1", "hanzo/deployments/v1",
      "hanzo/metrics/v1", "hanzo/commands/v1");

  private final LiveNodes nodes;

  NetworkScenariosIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void networkDescribesThisHost(Wire wire) {
    NetworkInfo network = await().atMost(WAIT).until(() -> nodes.main(wire).network(),
        n -> n.getConnectedPeers() >= 1);
    assertThat(network.getPeerId()).isEqualTo(nodes.mainPeerId);
    assertThat(network.getListenAddressesList()).anySatisfy(a -> assertThat(a)
        .startsWith("/ip4/127.0.0.1/tcp/").endsWith("/p2p/" + nodes.mainPeerId));
    assertThat(network.getNetworkId()).isEqualTo("43113");
    assertThat(network.getDhtMode()).isEqualTo("server");
    assertThat(network.getMdns()).isFalse();
    assertThat(network.getAgentVersion()).contains("7.7.7-scenarios");
    assertThat(network.getTopicsList()).extracting(t -> t.getTopic()).containsAll(TOPICS);
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void peersShowTheOtherNodeFromItsHeartbeat(Wire wire) {
    PeerInfo peer = await().atMost(WAIT).until(() -> nodes.main(wire).peers(false).getPeersList().stream()
        .filter(p -> p.getPeerId().equals(nodes.peerPeerId) && !p.getNodeId().isEmpty()).findFirst().orElse(null),
        p -> p != null);
    assertThat(peer.getNodeId()).isEqualTo(LiveNodes.PEER_ID);
    assertThat(peer.getConnected()).isTrue();
    assertThat(peer.getState()).isEqualTo(NodeState.NODE_STATE_READY);
    assertThat(peer.getCapabilities().getSupportedRuntimesList()).contains("process");
    assertThat(peer.getApiEndpointsList()).anySatisfy(e -> assertThat(e).startsWith("grpc://127.0.0.1:"));
    assertThat(nodes.main(wire).peers(true).getPeersList()).extracting(PeerInfo::getPeerId)
        .contains(nodes.peerPeerId);
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void providersOfTheProcessRuntimeIncludeThePeer(Wire wire) {
    Transport api = nodes.main(wire);
    await().atMost(WAIT).until(() -> api.findProviders(FindProvidersRequest.newBuilder()
            .setCapability("runtime/process").build()).getProvidersList().stream().map(ProviderInfo::getPeerId)
            .toList(), found -> found.contains(nodes.peerPeerId));
    assertThat(api.findProviders(FindProvidersRequest.newBuilder().setCapability("runtime/process").setLimit(1)
        .build()).getProvidersCount()).isEqualTo(1);
    assertError(() -> api.findProviders(FindProvidersRequest.newBuilder().setCapability("cpu").build()),
        "INVALID_ARGUMENT", "capability");
  }

  /** Main's IAM makes peer's identity an admin: a cordon peer signs and gossips is executed by main. */
  @ParameterizedTest
  @EnumSource(Wire.class)
  void aCommandFromAnAuthorizedPeerIsExecuted(Wire wire) {
    Transport peer = nodes.peer(wire);
    Transport main = nodes.main(wire);
    SendCommandRequest cordon = SendCommandRequest.newBuilder().setTarget(LiveNodes.MAIN_ID)
        .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_CORDON).setCommandId(wire.id("cordon-main")).build();
    try {
      // UNAVAILABLE until peer's mesh for hanzo/commands/v1 has formed: nothing was sent then.
      SendCommandResponse sent = await().atMost(WAIT).ignoreExceptionsInstanceOf(ApiCallException.class)
          .until(() -> peer.sendCommand(cordon), r -> r.getPeers() >= 1);
      assertThat(sent.getCommandId()).isEqualTo(cordon.getCommandId());
      assertThat(sent.getExpiresAtMs()).isGreaterThan(System.currentTimeMillis());
      await().atMost(WAIT).until(() -> main.scheduling().getCordoned());
    } finally {
      main.uncordon();
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void malformedCommandsAreRefusedBeforeAnythingIsSent(Wire wire) {
    Transport peer = nodes.peer(wire);
    SendCommandRequest valid = SendCommandRequest.newBuilder().setTarget(LiveNodes.MAIN_ID)
        .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN).build();
    assertError(() -> peer.sendCommand(valid.toBuilder().clearTarget().build()), "INVALID_ARGUMENT", "target");
    assertError(() -> peer.sendCommand(valid.toBuilder().clearType().build()), "INVALID_ARGUMENT", "type");
    assertError(() -> peer.sendCommand(valid.toBuilder().setCommandId("no spaces").build()), "INVALID_ARGUMENT",
        "command_id");
    assertError(() -> peer.sendCommand(valid.toBuilder()
        .setTtlSeconds((int) CommandRules.MAX_VALIDITY.toSeconds() + 1).build()), "INVALID_ARGUMENT",
        "ttl_seconds");
    assertError(() -> nodes.mainAsViewer(wire).sendCommand(valid), "PERMISSION_DENIED", null);
  }
}
