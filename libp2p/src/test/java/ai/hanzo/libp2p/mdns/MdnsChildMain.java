package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.transport.Connection;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A host with mDNS on the default interfaces, in its own JVM (run inside a network namespace by {@link MdnsNetnsIT}).
 * Prints {@code LISTENING <addr>/p2p/<id>}, {@code INTERFACES <names>}, then {@code DISCOVERED <peer> <addrs>} and
 * {@code CONNECTED <peer> INBOUND|OUTBOUND} lines as they happen; with {@code --dial} it dials what it discovers. Exits when stdin ends.
 */
public final class MdnsChildMain {
  private MdnsChildMain() {}

  public static void main(String[] args) throws Exception {
    boolean dial = List.of(args).contains("--dial");
    try (Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1))) {
      host.addListener(new HostListener() {
        @Override
        public void connected(Connection connection) {
          print("CONNECTED " + connection.remotePeer() + " " + connection.direction());
        }
      });
      Multiaddr bound = host.listen(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")).get(10, TimeUnit.SECONDS);
      print("LISTENING " + bound + "/p2p/" + host.peerId());
      MdnsConfig config = MdnsConfig.defaults().withInterval(Duration.ofMillis(500));
      try (HostMdnsDiscovery mdns = new HostMdnsDiscovery(host, config, dial, (peer, addresses) ->
          print("DISCOVERED " + peer + " " + addresses.stream().map(Multiaddr::toString)
              .collect(Collectors.joining(","))))) {
        mdns.start().get(10, TimeUnit.SECONDS);
        print("INTERFACES " + String.join(",", mdns.discovery().interfaces()));
        InputStream in = System.in;
        while (in.read() >= 0) {
          // runs until the parent closes stdin
        }
      }
    }
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
