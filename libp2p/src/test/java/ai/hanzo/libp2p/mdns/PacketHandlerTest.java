package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketHandlerTest {
  private static final InetSocketAddress MDNS_PEER = new InetSocketAddress("127.0.0.1", 5353);
  private static final InetSocketAddress ONE_SHOT = new InetSocketAddress("127.0.0.1", 40000);

  private final PeerId self = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
  private final MdnsConfig config = MdnsConfig.defaults();
  private final List<DiscoveredPeer> discovered = new ArrayList<>();
  private List<Multiaddr> ourAddresses = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
  private final PacketHandler handler = new PacketHandler(new PeerAnnouncement(config, self),
      new ResponseReader(config, self), () -> ourAddresses,
      (peer, addresses) -> discovered.add(new DiscoveredPeer(peer, addresses)));

  @Test
  void answersJsQueryByMulticast() throws Exception {
    PacketHandler.Reply reply = handler.handle(Vectors.jsQuery(), MDNS_PEER).orElseThrow();

    assertThat(reply.recipient()).isEqualTo(MulticastChannel.GROUP);
    DnsMessage response = DnsMessageDecoder.decode(reply.packet());
    assertThat(response.id()).isZero();
    assertThat(response.questions()).isEmpty();
    assertThat(PeerAnnouncementTest.txtStrings(response))
        .containsExactly("dnsaddr=/ip4/127.0.0.1/tcp/4001/p2p/" + self);
  }

  @Test
  void answersAOneShotQuerierByUnicastWithItsIdAndQuestion() throws Exception {
    DnsMessage query = new DnsMessage(0x1234, 0, List.of(DnsQuestion.of(config.service(), RecordData.TYPE_PTR)),
        List.of(), List.of(), List.of());

    PacketHandler.Reply reply = handler.handle(DnsMessageEncoder.encode(query, false), ONE_SHOT).orElseThrow();

    assertThat(reply.recipient()).isEqualTo(ONE_SHOT);
    DnsMessage response = DnsMessageDecoder.decode(reply.packet());
    assertThat(response.id()).isEqualTo(0x1234);
    assertThat(response.questions()).isEqualTo(query.questions());
    assertThat(response.isResponse()).isTrue();
  }

  @Test
  void staysQuietWithoutLanAddressesOrForOtherQuestions() {
    DnsMessage other = DnsMessage.query(List.of(DnsQuestion.of(DnsName.parse("_http._tcp.local"),
        RecordData.TYPE_PTR)));
    assertThat(handler.handle(DnsMessageEncoder.encode(other, true), MDNS_PEER)).isEmpty();

    ourAddresses = List.of(Multiaddr.parse("/ip4/1.1.1.1/tcp/4001"));
    assertThat(handler.handle(Vectors.jsQuery(), MDNS_PEER)).isEmpty();
  }

  @Test
  void tellsTheListenerOfPeersInResponsesFromPort5353Only() {
    assertThat(handler.handle(Vectors.jsResponse(), ONE_SHOT)).isEmpty();
    assertThat(discovered).isEmpty();

    assertThat(handler.handle(Vectors.jsResponse(), MDNS_PEER)).isEmpty();
    assertThat(discovered).containsExactly(new DiscoveredPeer(PeerId.parse(Vectors.JS_PEER_ID),
        List.of(Multiaddr.parse(Vectors.JS_ADDRESS))));
  }

  @Test
  void ignoresMalformedPacketsAndAFailingListener() {
    assertThat(handler.handle(new byte[] {1, 2, 3}, MDNS_PEER)).isEmpty();

    PacketHandler failing = new PacketHandler(new PeerAnnouncement(config, self), new ResponseReader(config, self),
        List::of, (peer, addresses) -> {
          throw new IllegalStateException("listener bug");
        });
    assertThat(failing.handle(Vectors.jsResponse(), MDNS_PEER)).isEmpty();
  }
}
