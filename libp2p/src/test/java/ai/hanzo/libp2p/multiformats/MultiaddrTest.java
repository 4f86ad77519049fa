package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.peer.PeerId;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiaddrTest {
  private static final String PEER = "12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB";

  @Test
  void encodesTheObservedTcpAddress() {
    Multiaddr addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    assertThat(HexFormat.of().formatHex(addr.toBytes())).isEqualTo("047f000001060fa1");
    assertThat(Multiaddr.fromBytes(addr.toBytes())).isEqualTo(addr);
    assertThat(addr.toString()).isEqualTo("/ip4/127.0.0.1/tcp/4001");
  }

  @Test
  void p2pComponentIsLengthPrefixedMultihash() {
    Multiaddr addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER);
    String hex = HexFormat.of().formatHex(addr.toBytes());
    assertThat(hex).startsWith("047f000001060fa1a50326002408011220");
    assertThat(PeerId.of(addr)).contains(PeerId.parse(PEER));
    assertThat(Multiaddr.fromBytes(addr.toBytes()).toString()).isEqualTo(addr.toString());
  }

  @Test
  void ipfsIsAnAliasOfP2p() {
    assertThat(Multiaddr.parse("/ipfs/" + PEER)).isEqualTo(Multiaddr.parse("/p2p/" + PEER));
    assertThat(Multiaddr.parse("/ipfs/" + PEER).toString()).isEqualTo("/p2p/" + PEER);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/ip6/::1/tcp/80", "/ip6/2001:db8::1:0:0:1/udp/53", "/ip6/::/tcp/0",
      "/ip6/fe80::1:2:3:4/tcp/1", "/dns/example.com/tcp/443", "/dns4/a.b/tcp/1",
      "/dns6/x/udp/2", "/dnsaddr/bootstrap.libp2p.io", "/ip6/::ffff:1.2.3.4/tcp/5", "/"})
  void textRoundTrips(String text) {
    Multiaddr addr = Multiaddr.parse(text);
    String expected = text.equals("/ip6/::ffff:1.2.3.4/tcp/5") ? "/ip6/::ffff:102:304/tcp/5" : text;
    assertThat(addr.toString()).isEqualTo(expected);
    assertThat(Multiaddr.fromBytes(addr.toBytes())).isEqualTo(addr);
  }

  @Test
  void toleratesOneTrailingSlash() {
    assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/5/")).isEqualTo(Multiaddr.parse("/ip4/1.2.3.4/tcp/5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "ip4/1.2.3.4", "/ip4", "/ip4/1.2.3", "/ip4/256.1.1.1", "/ip4/01.1.1.1", "/tcp/65536",
      "/tcp/-1", "/tcp/x", "/foo/1", "/ip6/1:2", "/ip6/localhost", "/ip6/::1%eth0", "/dns/",
      "/p2p/notapeer", "/p2p/QmInvalid0", "//", "/ip4/1.2.3.4//tcp/1"})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Multiaddr.parse(text)).isInstanceOf(MultiformatException.class);
  }

  @Test
  void rejectsMalformedBytes() {
    HexFormat hex = HexFormat.of();
    for (String bad : new String[] {"04", "047f00", "ff", "0600", "a50305", "a503020001",
        "3501ff", "8080"}) {
      assertThatThrownBy(() -> Multiaddr.fromBytes(hex.parseHex(bad)))
          .as(bad)
          .isInstanceOf(MultiformatException.class);
    }
  }

  @Test
  void encapsulatesAndDecapsulates() {
    Multiaddr base = Multiaddr.parse("/ip4/10.0.0.1/tcp/1");
    Multiaddr full = base.encapsulate("/p2p/" + PEER);
    assertThat(full.components()).hasSize(3);
    assertThat(full.decapsulate("/p2p/" + PEER)).isEqualTo(base);
    assertThat(full.decapsulate("/tcp/1")).isEqualTo(Multiaddr.parse("/ip4/10.0.0.1"));
    assertThat(full.decapsulate("/udp/1")).isEqualTo(full);
    assertThat(PeerId.of(base)).isEmpty();
  }

  @Test
  void convertsToAndFromSocketAddresses() {
    InetSocketAddress ip4 = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001").toInetSocketAddress();
    assertThat(ip4.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(ip4.getPort()).isEqualTo(4001);
    InetSocketAddress dns = Multiaddr.parse("/dns4/example.com/tcp/80/p2p/" + PEER)
        .toInetSocketAddress();
    assertThat(dns.isUnresolved()).isTrue();
    assertThat(dns.getHostString()).isEqualTo("example.com");
    assertThat(Multiaddr.fromTcpAddress(ip4)).isEqualTo(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
    assertThat(Multiaddr.fromTcpAddress(new InetSocketAddress("::1", 9)).toString())
        .isEqualTo("/ip6/::1/tcp/9");
    assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.4/udp/1").toInetSocketAddress())
        .isInstanceOf(MultiformatException.class);
  }
}
