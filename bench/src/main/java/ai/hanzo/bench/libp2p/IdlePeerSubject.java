package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.kad.AddressFilter;
import ai.hanzo.libp2p.kad.KadConfig;
import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.GossipsubConfig;
import ai.hanzo.libp2p.pubsub.score.PeerScoreParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The measured node of {@link IdlePeerCostBench}, alone in its own JVM: a host with library defaults (Identify, a
 * ping every 15 s), Gossipsub subscribed to one topic and a DHT server. It answers {@code cpu} and {@code stats}
 * lines on stdin; it exits at stdin's end.
 */
public final class IdlePeerSubject {
  static final String TOPIC = "idle";

  private IdlePeerSubject() {}

  public static void main(String[] args) throws Exception {
    Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
    Multiaddr at = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
    Gossipsub gossip = Gossipsub.start(host, loopbackPeersWelcome(GossipsubConfig.defaults()));
    gossip.subscribe(TOPIC, m -> { }).get(10, TimeUnit.SECONDS);
    KadDht dht = new KadDht(host, KadConfig.defaults().withAddressFilter(AddressFilter.PASSTHROUGH),
        Clock.systemUTC());
    dht.start();
    System.out.println("listening " + at.encapsulate("/p2p/" + host.peerId()));
    System.out.flush();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("cpu")) {
          System.out.println("cpu " + os.getProcessCpuTime());
        } else if (line.equals("stats")) {
          long heap = MemoryProbe.heapAfterGc();
          System.out.printf("stats heap=%d rss=%d connections=%d mesh=%d topicPeers=%d%n", heap, rssKib(),
              host.connectionManager().connections().size(), gossip.meshPeers(TOPIC).get().size(),
              gossip.topicPeers(TOPIC).get().size());
        }
        System.out.flush();
      }
    } finally {
      dht.close();
      gossip.close();
      host.close();
    }
  }

  /**
   * All the bench's peers connect from 127.0.0.1; without this, IP colocation scoring (P6) would graylist most of
   * them, as it should for real peers crowding one address.
   */
  static GossipsubConfig loopbackPeersWelcome(GossipsubConfig config) {
    PeerScoreParams p = config.scoreParams();
    return config.withScoring(p.withIpColocation(p.ipColocationFactorWeight(), p.ipColocationFactorThreshold(),
        Set.of(InetAddress.getLoopbackAddress())), config.scoreThresholds());
  }

  private static long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
