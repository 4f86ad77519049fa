package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.GossipsubConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Java nodes in this JVM, one I/O thread each; each dials the next and the third next (a ring with chords). */
final class JavaGossipMesh implements GossipMesh {
  private final List<Host> hosts = new ArrayList<>();
  private final List<Gossipsub> routers = new ArrayList<>();

  JavaGossipMesh(int n, Deliveries deliveries) throws Exception {
    List<Multiaddr> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
      hosts.add(host);
      addresses.add(host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS)
          .encapsulate("/p2p/" + host.peerId()));
      Gossipsub gossip = Gossipsub.start(host, GossipsubConfig.defaults());
      routers.add(gossip);
      int self = i;
      gossip.subscribe(TOPIC, m -> {
        long now = System.nanoTime();
        if (!m.author().equals(host.peerId())) {
          deliveries.delivered(self, new String(m.data(), 0, Math.min(GossipPayload.HEADER_CHARS, m.data().length),
              StandardCharsets.US_ASCII), 0, now);
        }
      }).get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < n; i++) {
      for (int step : new int[] {1, 3}) {
        hosts.get(i).dial(addresses.get((i + step) % n)).get(10, TimeUnit.SECONDS);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Gossipsub g : routers) {
      while (g.meshPeers(TOPIC).get().size() < 4) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Java mesh did not form within 30 s");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  @Override
  public String name() {
    return "Java mesh";
  }

  @Override
  public int size() {
    return routers.size();
  }

  @Override
  public void publish(int publisher, String data) {
    routers.get(publisher).publish(TOPIC, data.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() {
    routers.forEach(Gossipsub::close);
    hosts.forEach(Host::close);
  }
}
