package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a host announces over mDNS; sends nothing (the discovery is never started). */
class HostMdnsAddressesIT {
  @Test
  void aWildcardListenerIsAnnouncedWithEachInterfaceAddress() throws Exception {
    try (Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
        HostMdnsDiscovery mdns = new HostMdnsDiscovery(host, MdnsConfig.defaults(), false, (p, a) -> { })) {
      Multiaddr bound = host.listen(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")).get(10, TimeUnit.SECONDS);
      int port = bound.toInetSocketAddress().getPort();

      List<Multiaddr> announced = mdns.announcedAddresses();

      assertThat(announced).contains(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port));
      assertThat(announced).noneMatch(a -> a.toInetSocketAddress().getAddress().isAnyLocalAddress());
      assertThat(announced).allMatch(a -> a.toInetSocketAddress().getPort() == port);
    }
  }
}
