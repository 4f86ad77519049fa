package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.NodeCapabilities;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.SendCommandResponse;
import java.util.List;

/** The node's answers about the libp2p network as the client's records. */
final class NetworkAnswers {
  private NetworkAnswers() {}

  static Peer peer(PeerInfo p) {
    return new Peer(p.getPeerId(), p.getAddressesList(), p.getProtocolsList(), p.getAgentVersion(), p.getConnected(),
        p.getDirection(), p.getRttMs(), p.getLastSeen(), p.getNodeId(), p.getState().name(),
        p.hasCapabilities() ? capabilities(p.getCapabilities()) : null, p.getLastHeartbeat(),
        p.hasMetrics() ? NodeAnswers.metrics(p.getMetrics()) : null, p.getApiEndpointsList(),
        p.getOperatorAddress(), p.getStaked(), p.getStakeWei(), p.getBoundOperator(), p.getStakeStale());
  }

  private static Peer.Capabilities capabilities(NodeCapabilities c) {
    return new Peer.Capabilities(c.getCpuCores(), c.getMemoryBytes(), c.getDiskBytes(), c.getGpusList().stream()
        .map(g -> new Peer.Gpu(g.getModel(), g.getMemoryBytes(), g.getDriverVersion())).toList(), c.getMlxEnabled(),
        c.getSupportedRuntimesList(), c.getRegion(), c.getZone());
  }

  static Network network(NetworkInfo n) {
    return new Network(n.getPeerId(), n.getListenAddressesList(), n.getNetworkId(), n.getConnectedPeers(),
        n.getKnownPeers(), n.getMdns(), n.getMaxPeers(), n.getAgentVersion(), n.getTopicsList().stream()
        .map(t -> new Network.Topic(t.getTopic(), t.getMeshPeers(), t.getTopicPeers())).toList(), n.getDhtMode(),
        n.getRoutingTableSize());
  }

  static CommandSent sent(SendCommandResponse r) {
    return new CommandSent(r.getCommandId(), r.getExpiresAtMs(), r.getPeers());
  }

  static List<Provider> providers(FindProvidersResponse r) {
    return r.getProvidersList().stream().map(p -> new Provider(p.getPeerId(), p.getAddressesList(), p.getNodeId()))
        .toList();
  }
}
