package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.kad.AddressFilter;
import ai.hanzo.libp2p.kad.KadConfig;
import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@link GossipNode} that also runs the Kademlia DHT, so that it finds the other nodes from one
 * bootstrap address alone: its self lookup dials the peers the DHT names, and gossipsub joins
 * every connection.
 */
final class DiscoveringNode implements AutoCloseable {
  /** Short enough that a node which missed a later joiner finds it within the test's patience. */
  private static final Duration REFRESH = Duration.ofSeconds(5);

  final GossipNode node;
  final KadDht dht;

  private DiscoveringNode(GossipNode node) {
    this.node = node;
    this.dht = new KadDht(node.host, KadConfig.defaults().withAddressFilter(AddressFilter.PASSTHROUGH)
        .withRequestTimeout(Duration.ofSeconds(5)).withIntervals(Duration.ofHours(1), REFRESH),
        Clock.systemUTC());
    dht.start();
  }

  /** The first node of a network: nobody to bootstrap from. */
  static DiscoveringNode first(PrivateKey key, String topic) throws Exception {
    DiscoveringNode n = new DiscoveringNode(GossipNode.start(key, GossipsubConfig.defaults()));
    n.node.subscribe(topic);
    return n;
  }

  /** Subscribes, then bootstraps the DHT from {@code bootstrap} only. */
  static DiscoveringNode join(PrivateKey key, String topic, Multiaddr bootstrap) throws Exception {
    DiscoveringNode n = first(key, topic);
    n.dht.bootstrap(List.of(bootstrap)).get(30, TimeUnit.SECONDS);
    return n;
  }

  PeerId peerId() {
    return node.peerId();
  }

  Set<PeerId> connectedPeers() {
    return node.host.connectionManager().connections().stream()
        .map(c -> c.remotePeer()).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    dht.close();
    node.close();
  }
}
