package ai.hanzo.libp2p.kad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.kad.provider.ProviderKeys;
import ai.hanzo.libp2p.kad.provider.ProviderStore;
import ai.hanzo.libp2p.kad.record.PublicKeyValidator;
import ai.hanzo.libp2p.kad.record.RecordStore;
import ai.hanzo.libp2p.kad.routing.RoutingTable;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.DhtProtocolException;
import ai.hanzo.libp2p.kad.wire.DhtRecord;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server side, request by request, against a host that never touches the network. */
class DhtRequestsTest {
  private final MutableClock clock = new MutableClock();
  private final Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate())
      .withIoThreads(1).withPingInterval(Duration.ZERO));
  private final RoutingTable table = new RoutingTable(host.peerId(), 20, clock);
  private final RecordStore records = new RecordStore(clock, Duration.ofHours(36), 100);
  private final ProviderStore providers = new ProviderStore(clock, Duration.ofHours(48), 100, 20);
  private final DhtRequests requests = new DhtRequests(host.peerId(), table, records, providers,
      KadConfig.defaults().validators(), new PeerEntries(host, AddressFilter.PASSTHROUGH), clock);
  private final List<PeerId> peers = TestPeers.random(new Random(9), 30);

  @AfterEach
  void close() {
    host.close();
  }

  private void know(PeerId peer) {
    host.peerStore().addAddresses(peer, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001")));
    table.offer(peer);
  }

  @Test
  void findNodeNamesTheClosestPeersButNeverTheRequesterAndDropsPeersWithoutAddresses()
      throws Exception {
    peers.subList(0, 25).forEach(this::know);
    table.offer(peers.get(29));
    DhtMessage answer = requests.handle(peers.get(0),
        DhtMessage.request(MessageType.FIND_NODE, peers.get(1).toBytes())).orElseThrow();
    // 20 closest of the table minus those without an address (one at most here)
    assertThat(answer.closerPeers()).hasSizeBetween(19, 20).extracting(DhtPeer::id)
        .doesNotContain(peers.get(0), peers.get(29), host.peerId());
  }

  @Test
  void putValueStoresValidRecordsAndRefusesOthers() throws Exception {
    PrivateKey key = Ed25519PrivateKey.generate();
    byte[] recordKey = PublicKeyValidator.keyFor(PeerId.fromPublicKey(key.publicKey()));
    DhtMessage put = DhtMessage.request(MessageType.PUT_VALUE, recordKey)
        .withRecord(new DhtRecord(recordKey, key.publicKey().marshal(), ""));
    assertThat(requests.handle(peers.get(0), put)).contains(put);
    DhtMessage get = requests.handle(peers.get(0),
        DhtMessage.request(MessageType.GET_VALUE, recordKey)).orElseThrow();
    assertThat(get.record().value()).isEqualTo(key.publicKey().marshal());

    DhtMessage forged = DhtMessage.request(MessageType.PUT_VALUE, recordKey)
        .withRecord(new DhtRecord(recordKey, Ed25519PrivateKey.generate().publicKey().marshal(),
            ""));
    assertThatThrownBy(() -> requests.handle(peers.get(0), forged))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("invalid record");
    assertThatThrownBy(() -> requests.handle(peers.get(0),
        DhtMessage.request(MessageType.PUT_VALUE, recordKey)))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("without a record");
  }

  @Test
  void addProviderAcceptsOnlyTheSenderItself() throws Exception {
    byte[] key = ProviderKeys.of("gpu/h100");
    List<Multiaddr> addrs = List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/4001"));
    DhtMessage announce = DhtMessage.request(MessageType.ADD_PROVIDER, key).withProviderPeers(
        List.of(DhtPeer.of(peers.get(1), addrs), DhtPeer.of(peers.get(2), addrs)));
    assertThat(requests.handle(peers.get(1), announce)).isEmpty();
    DhtMessage answer = requests.handle(peers.get(5),
        DhtMessage.request(MessageType.GET_PROVIDERS, key)).orElseThrow();
    assertThat(answer.providerPeers()).singleElement()
        .isEqualTo(new DhtPeer(peers.get(1), addrs, answer.providerPeers().get(0).connection()));
    assertThatThrownBy(() -> requests.handle(peers.get(1),
        DhtMessage.request(MessageType.GET_PROVIDERS, new byte[0])))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("without a key");
  }
}
