package ai.hanzo.node.client;

import java.util.List;

/**
 * A node's view of the libp2p network: its addresses, peers, gossip topics and DHT.
 *
 * @param dhtMode {@code server} or {@code client}
 */
public record Network(String peerId, List<String> listenAddresses, String networkId, int connectedPeers,
    int knownPeers, boolean mdns, int maxPeers, String agentVersion, List<Topic> topics, String dhtMode,
    int routingTableSize) {

  public record Topic(String topic, int meshPeers, int topicPeers) {}
}
