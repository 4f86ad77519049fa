package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.kad.AddressFilter;
import ai.hanzo.libp2p.kad.KadConfig;
import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.libp2p.kad.PeerAddresses;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * DHT lookup latency: N Java nodes on loopback, each bootstrapped from the first; then findPeer
 * over random pairs, the connection between the pair closed first so that every sample is a
 * real iterative FIND_NODE lookup (plus the dials it makes). Usage: {@code java -cp
 * bench/target/benchmarks.jar ai.hanzo.bench.libp2p.DhtLookupBench [nodes] [lookups]}.
 */
public final class DhtLookupBench {
  private DhtLookupBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    KadConfig config = KadConfig.defaults().withAddressFilter(AddressFilter.PASSTHROUGH);
    List<Host> hosts = new ArrayList<>();
    List<KadDht> dhts = new ArrayList<>();
    try {
      Multiaddr bootstrap = null;
      for (int i = 0; i < nodes; i++) {
        Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
        hosts.add(host);
        Multiaddr at = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
        KadDht dht = new KadDht(host, config, Clock.systemUTC());
        dht.start();
        dhts.add(dht);
        if (bootstrap == null) {
          bootstrap = at.encapsulate("/p2p/" + host.peerId());
        } else {
          dht.bootstrap(List.of(bootstrap)).get(30, TimeUnit.SECONDS);
        }
      }
      Random random = new Random(1);
      Samples latency = new Samples();
      Samples hops = new Samples();
      int failures = 0;
      for (int i = 0; i < lookups; i++) {
        int from = random.nextInt(nodes);
        int to = (from + 1 + random.nextInt(nodes - 1)) % nodes;
        PeerId target = hosts.get(to).peerId();
        Optional<Connection> existing = hosts.get(from).connectionManager().find(target);
        if (existing.isPresent()) {
          existing.get().close().get(10, TimeUnit.SECONDS);
        }
        int before = hosts.get(from).connectionManager().size();
        long start = System.nanoTime();
        Optional<PeerAddresses> found = dhts.get(from).findPeer(target).get(30, TimeUnit.SECONDS);
        latency.add((System.nanoTime() - start) / 1e6);
        hops.add(hosts.get(from).connectionManager().size() - before);
        if (found.isEmpty()) {
          failures++;
        }
      }
      System.out.printf("JDK %s, %d cores: %d Java DHT nodes on loopback, %d findPeer lookups%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), nodes, lookups);
      System.out.printf("findPeer latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms; not found: %d%n",
          latency.median(), latency.percentile(99), latency.percentile(100), failures);
      System.out.printf("new connections per lookup: p50 %.0f, p99 %.0f%n", hops.median(),
          hops.percentile(99));
    } finally {
      dhts.forEach(KadDht::close);
      hosts.forEach(Host::close);
    }
  }
}
