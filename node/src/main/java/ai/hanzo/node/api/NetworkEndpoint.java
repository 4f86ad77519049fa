package ai.hanzo.node.api;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.PeerView;
import java.util.Optional;

/** ListPeers and GetNetwork: the node's view of the libp2p network. */
public final class NetworkEndpoint {
  private final Optional<P2pNode> p2p;
  private final String networkId;
  private final String agentVersion;

  public NetworkEndpoint(Optional<P2pNode> p2p, String networkId, String agentVersion) {
    this.p2p = p2p;
    this.networkId = networkId;
    this.agentVersion = agentVersion;
  }

  private P2pNode node() {
    P2pNode node = p2p.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node has no libp2p host"));
    if (node.peerId() == null) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the libp2p host has not started yet");
    }
    return node;
  }

  public ListPeersResponse listPeers(ListPeersRequest r) {
    ListPeersResponse.Builder b = ListPeersResponse.newBuilder();
    node().peers(r.getAll()).forEach(p -> b.addPeers(peer(p)));
    return b.build();
  }

  public NetworkInfo getNetwork(GetNetworkRequest r) {
    P2pNode node = node();
    int connected = node.peers(false).size();
    return NetworkInfo.newBuilder().setPeerId(node.peerId().toString())
        .addAllListenAddresses(node.listenAddresses().stream().map(a -> a + "/p2p/" + node.peerId()).toList())
        .setNetworkId(networkId).setConnectedPeers(connected)
        .setKnownPeers(node.peers(true).size()).setMdns(node.mdnsEnabled()).setMaxPeers(node.maxPeers())
        .setAgentVersion(agentVersion).build();
  }

  private static PeerInfo peer(PeerView p) {
    return PeerInfo.newBuilder().setPeerId(p.peerId()).addAllAddresses(p.addresses()).addAllProtocols(p.protocols())
        .setAgentVersion(p.agentVersion()).setConnected(p.connected()).setDirection(p.direction())
        .setRttMs(p.rtt().map(d -> d.toNanos() / 1e6).orElse(0.0)).setLastSeen(p.lastSeen().getEpochSecond())
        .build();
  }
}
