package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A host with gossipsub on loopback for integration tests, counting what it receives per topic. */
final class GossipNode implements AutoCloseable {
  final PrivateKey key;
  final Host host;
  final Gossipsub gossip;
  final Multiaddr address;
  /** Payload (as UTF-8) to the number of times it was delivered. */
  final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  private GossipNode(PrivateKey key, GossipsubConfig config) throws Exception {
    this.key = key;
    this.host = new Host(HostConfig.defaults(key).withIoThreads(1));
    this.address = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS)
        .encapsulate("/p2p/" + host.peerId());
    this.gossip = Gossipsub.start(host, config);
  }

  static GossipNode start(GossipsubConfig config) throws Exception {
    return new GossipNode(Ed25519PrivateKey.generate(), config);
  }

  static GossipNode start(PrivateKey key, GossipsubConfig config) throws Exception {
    return new GossipNode(key, config);
  }

  PeerId peerId() {
    return host.peerId();
  }

  void subscribe(String topic) throws Exception {
    gossip.subscribe(topic, m -> received
        .computeIfAbsent(new String(m.data(), StandardCharsets.UTF_8), k -> new AtomicInteger())
        .incrementAndGet()).get(5, TimeUnit.SECONDS);
  }

  void dial(Multiaddr other) throws Exception {
    host.dial(other).get(10, TimeUnit.SECONDS);
  }

  void dial(String other) throws Exception {
    dial(Multiaddr.parse(other));
  }

  int publish(String topic, String data) throws Exception {
    return gossip.publish(topic, data.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
  }

  Set<PeerId> mesh(String topic) throws Exception {
    return gossip.meshPeers(topic).get(5, TimeUnit.SECONDS);
  }

  boolean got(String data) {
    return received.containsKey(data);
  }

  @Override
  public void close() {
    gossip.close();
    host.close();
  }
}
