package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {
  private static final DnsName SERVICE = DnsName.parse("_p2p._udp.local");
  private final PeerId self = newPeer();
  private final ResponseReader reader = new ResponseReader(MdnsConfig.defaults(), self);

  @Test
  void findsThePeerInJsResponse() throws Exception {
    List<DiscoveredPeer> found = reader.peers(DnsMessageDecoder.decode(Vectors.jsResponse()));

    assertThat(found).containsExactly(new DiscoveredPeer(PeerId.parse(Vectors.JS_PEER_ID),
        List.of(Multiaddr.parse(Vectors.JS_ADDRESS))));
  }

  @Test
  void readsTxtRecordsFromTheAdditionalSectionToo() {
    PeerId peer = newPeer();
    DnsName instance = SERVICE.prepend("other");
    DnsMessage response = DnsMessage.response(List.of(ptr(instance)),
        List.of(txt(instance, "dnsaddr=/ip4/10.0.0.2/tcp/4001/p2p/" + peer)));

    assertThat(reader.peers(response)).containsExactly(
        new DiscoveredPeer(peer, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/4001"))));
  }

  @Test
  void skipsBadStringsAddressesWithoutPeerIdAndAddressesOfAnotherPeer() {
    PeerId peer = newPeer();
    DnsName instance = SERVICE.prepend("other");
    DnsMessage response = DnsMessage.response(List.of(ptr(instance),
        txt(instance, "dnsaddr=/ip4/10.0.0.2/tcp/1", "dnsaddr=not a multiaddr", "dnsaddr=/ip4/10.0.0.2/tcp/99999",
            "other=/ip4/10.0.0.2/tcp/2/p2p/" + peer, "dnsaddr=/ip4/10.0.0.2/tcp/3/p2p/" + peer,
            "dnsaddr=/ip4/10.0.0.2/tcp/4/p2p/" + newPeer(), "dnsaddr=/ip4/10.0.0.2/tcp/3/p2p/" + peer),
        txt(SERVICE.prepend("elsewhere"), "dnsaddr=/ip4/10.0.0.9/tcp/5/p2p/" + peer)), List.of());

    assertThat(reader.peers(response)).containsExactly(
        new DiscoveredPeer(peer, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/3"))));
  }

  @Test
  void findsEveryInstanceOfAResponseAndIgnoresOtherServicesAndQueries() {
    PeerId a = newPeer();
    PeerId b = newPeer();
    DnsName instanceA = SERVICE.prepend("a");
    DnsName instanceB = SERVICE.prepend("b");
    DnsName web = DnsName.parse("_http._tcp.local");
    List<DnsRecord> answers = List.of(ptr(instanceA), ptr(instanceB),
        DnsRecord.in(web, 120, new RecordData.Ptr(web.prepend("c"))),
        txt(instanceA, "dnsaddr=/ip4/10.0.0.1/tcp/1/p2p/" + a), txt(instanceB, "dnsaddr=/ip4/10.0.0.2/tcp/1/p2p/" + b),
        txt(web.prepend("c"), "dnsaddr=/ip4/10.0.0.3/tcp/1/p2p/" + newPeer()));

    assertThat(reader.peers(DnsMessage.response(answers, List.of())))
        .extracting(DiscoveredPeer::peer).containsExactly(a, b);
    assertThat(reader.peers(new DnsMessage(0, 0, List.of(), answers, List.of(), List.of()))).isEmpty();
  }

  @Test
  void anInstanceWithoutAddressesIsNoPeer() {
    DnsName instance = SERVICE.prepend("empty");
    DnsMessage response = DnsMessage.response(List.of(ptr(instance), txt(instance, "")), List.of());

    assertThat(reader.peers(response)).isEmpty();
  }

  private static DnsRecord ptr(DnsName instance) {
    return DnsRecord.in(SERVICE, 120, new RecordData.Ptr(instance));
  }

  private static DnsRecord txt(DnsName name, String... strings) {
    return DnsRecord.in(name, 120, new RecordData.Txt(Arrays.stream(strings)
        .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList()));
  }

  private static PeerId newPeer() {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
  }
}
