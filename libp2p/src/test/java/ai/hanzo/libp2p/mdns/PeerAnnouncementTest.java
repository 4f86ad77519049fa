package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerAnnouncementTest {
  private static final DnsName SERVICE = DnsName.parse("_p2p._udp.local");
  private final PeerId self = PeerId.parse(Vectors.JS_PEER_ID);
  private final MdnsConfig config = MdnsConfig.defaults().withPeerName(Vectors.JS_PEER_NAME);
  private final PeerAnnouncement announcement = new PeerAnnouncement(config, self);

  @Test
  void answersAsJsDoesByteForByte() {
    DnsMessage response = announcement.response(List.of(Multiaddr.parse(Vectors.JS_ADDRESS))).orElseThrow();

    assertThat(DnsMessageEncoder.encode(response, false)).isEqualTo(Vectors.jsResponse());
  }

  @Test
  void announcesOneTxtPerLanAddressWithOurPeerId() {
    List<Multiaddr> addresses = List.of(Multiaddr.parse("/ip4/192.168.1.7/tcp/4001"),
        Multiaddr.parse("/ip4/8.8.8.8/tcp/4001"), Multiaddr.parse("/ip6/fd00::1/tcp/4001"),
        Multiaddr.parse("/ip6/fe80::1/tcp/4001"), Multiaddr.parse("/ip4/100.64.0.1/tcp/4001"),
        Multiaddr.parse("/dns4/example.org/tcp/4001"), Multiaddr.parse("/ip4/10.1.2.3/udp/4001"),
        Multiaddr.parse("/ip4/10.9.9.9/tcp/1/p2p/" + self));

    DnsMessage response = announcement.response(addresses).orElseThrow();

    assertThat(response.answers().get(0)).isEqualTo(
        DnsRecord.in(SERVICE, 120, new RecordData.Ptr(SERVICE.prepend(Vectors.JS_PEER_NAME))));
    assertThat(txtStrings(response)).containsExactly(
        "dnsaddr=/ip4/192.168.1.7/tcp/4001/p2p/" + self,
        "dnsaddr=/ip6/fd00::1/tcp/4001/p2p/" + self,
        "dnsaddr=/ip6/fe80::1/tcp/4001/p2p/" + self,
        "dnsaddr=/ip4/100.64.0.1/tcp/4001/p2p/" + self,
        "dnsaddr=/ip4/10.1.2.3/udp/4001/p2p/" + self,
        "dnsaddr=/ip4/10.9.9.9/tcp/1/p2p/" + self);
  }

  @Test
  void skipsAddressesThatDoNotFitOneTxtString() {
    Multiaddr tooLong = Multiaddr.parse("/ip4/10.0.0.1/tcp/1/dns/" + "a".repeat(167));
    Multiaddr fits = Multiaddr.parse("/ip4/10.0.0.1/tcp/1/dns/" + "a".repeat(166));

    DnsMessage response = announcement.response(List.of(tooLong, fits)).orElseThrow();

    assertThat(txtStrings(response)).hasSize(1);
    assertThat(txtStrings(response).get(0)).hasSize(255).contains("a".repeat(166) + "/p2p/");
  }

  @Test
  void staysWithinTheMdnsPacketSizeWhateverTheNumberOfAddresses() {
    List<Multiaddr> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(Multiaddr.parse("/ip6/fd00::" + Integer.toHexString(i + 1) + "/tcp/" + (4000 + i)));
    }

    DnsMessage response = announcement.response(many).orElseThrow();

    assertThat(DnsMessageEncoder.encode(response, true).length).isLessThanOrEqualTo(DnsMessage.MDNS_MAX_BYTES);
    assertThat(response.answers().size()).isGreaterThan(50);
  }

  @Test
  void saysNothingWithoutLanAddresses() {
    assertThat(announcement.response(List.of())).isEmpty();
    assertThat(announcement.response(List.of(Multiaddr.parse("/ip4/1.1.1.1/tcp/1")))).isEmpty();
  }

  @Test
  void answersPtrAndAnyQueriesForTheServiceOnly() {
    assertThat(announcement.asksForUs(query("_P2P._udp.local", RecordData.TYPE_PTR))).isTrue();
    assertThat(announcement.asksForUs(query("_p2p._udp.local", RecordData.TYPE_ANY))).isTrue();
    assertThat(announcement.asksForUs(query("_p2p._udp.local", RecordData.TYPE_TXT))).isFalse();
    assertThat(announcement.asksForUs(query("_http._tcp.local", RecordData.TYPE_PTR))).isFalse();
    assertThat(announcement.asksForUs(DnsMessage.response(List.of(), List.of()))).isFalse();
  }

  @Test
  void readsBackWhatAnotherPeerAnnounces() {
    PeerId other = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    List<Multiaddr> addresses = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
        Multiaddr.parse("/ip6/::1/tcp/4002"));
    DnsMessage response = announcement.response(addresses).orElseThrow();

    List<DiscoveredPeer> found = new ResponseReader(MdnsConfig.defaults(), other).peers(response);

    assertThat(found).containsExactly(new DiscoveredPeer(self, addresses));
    assertThat(new ResponseReader(config, other).peers(response)).as("our own peer name").isEmpty();
    assertThat(new ResponseReader(MdnsConfig.defaults(), self).peers(response)).as("our own peer id").isEmpty();
  }

  private static DnsMessage query(String name, int type) {
    return DnsMessage.query(List.of(DnsQuestion.of(DnsName.parse(name), type)));
  }

  static List<String> txtStrings(DnsMessage response) {
    return response.answers().stream().filter(r -> r.data() instanceof RecordData.Txt)
        .flatMap(r -> ((RecordData.Txt) r.data()).strings().stream())
        .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }
}
