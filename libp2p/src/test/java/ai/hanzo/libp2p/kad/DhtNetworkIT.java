package ai.hanzo.libp2p.kad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.kad.provider.ProviderKeys;
import ai.hanzo.libp2p.kad.record.InvalidRecordException;
import ai.hanzo.libp2p.kad.record.SignedValue;
import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 20 Java DHT nodes on loopback, each bootstrapped from the first one only. */
class DhtNetworkIT {
  private static final int NODES = 20;
  private static final List<PrivateKey> keys = new ArrayList<>();
  private static final List<Host> hosts = new ArrayList<>();
  private static final List<KadDht> dhts = new ArrayList<>();
  private final Random random = new Random(7);

  @BeforeAll
  static void startNetwork() throws Exception {
    Multiaddr bootstrap = null;
    for (int i = 0; i < NODES; i++) {
      PrivateKey key = Ed25519PrivateKey.generate();
      Host host = new Host(HostConfig.defaults(key).withIoThreads(1));
      keys.add(key);
      hosts.add(host);
      Multiaddr address = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      KadDht dht = new KadDht(host, testConfig(), Clock.systemUTC());
      dht.start();
      dhts.add(dht);
      if (bootstrap == null) {
        bootstrap = address.encapsulate("/p2p/" + host.peerId());
      } else {
        dht.bootstrap(List.of(bootstrap)).get(20, TimeUnit.SECONDS);
      }
    }
  }

  static KadConfig testConfig() {
    return KadConfig.defaults().withAddressFilter(AddressFilter.PASSTHROUGH)
        .withRequestTimeout(Duration.ofSeconds(5));
  }

  @AfterAll
  static void stopNetwork() {
    dhts.forEach(KadDht::close);
    hosts.forEach(Host::close);
  }

  @Test
  void everyNodeIsFoundFromARandomOther() throws Exception {
    for (int target = 0; target < NODES; target++) {
      int from = (target + 1 + random.nextInt(NODES - 1)) % NODES;
      Optional<PeerAddresses> found = dhts.get(from).findPeer(hosts.get(target).peerId())
          .get(20, TimeUnit.SECONDS);
      assertThat(found).as("node %d looking for node %d", from, target).isPresent();
      assertThat(found.get().addresses()).containsAnyElementsOf(hosts.get(target).listenAddresses());
    }
  }

  @Test
  void aServerAskedForItsOwnIdNamesItselfWithItsAddresses() throws Exception {
    KadRpc rpc = new KadRpc(hosts.get(1), Duration.ofSeconds(5), KadConfig.MIN_MESSAGE_SIZE);
    DhtMessage answer = rpc.request(hosts.get(0).peerId(),
        DhtMessage.request(MessageType.FIND_NODE, hosts.get(0).peerId().toBytes()))
        .get(10, TimeUnit.SECONDS);
    assertThat(answer.closerPeers().get(0).id()).isEqualTo(hosts.get(0).peerId());
    assertThat(answer.closerPeers().get(0).addresses())
        .containsAll(hosts.get(0).listenAddresses());
    assertThat(answer.closerPeers()).extracting(DhtPeer::id).doesNotContain(hosts.get(1).peerId());
  }

  @Test
  void closestPeersAreSortedByXorDistanceAndExcludeNobodyReachable() throws Exception {
    byte[] key = "some key".getBytes(StandardCharsets.UTF_8);
    var closest = dhts.get(4).closestPeers(key).get(20, TimeUnit.SECONDS);
    assertThat(closest).hasSize(NODES - 1).doesNotContain(hosts.get(4).peerId());
    var target = ai.hanzo.libp2p.kad.routing.KadId.ofKey(key);
    assertThat(closest).isSortedAccordingTo((a, b) -> target.compareDistance(
        ai.hanzo.libp2p.kad.routing.KadId.of(a), ai.hanzo.libp2p.kad.routing.KadId.of(b)));
  }

  @Test
  void aSignedValuePutOnOneNodeIsReadOnAnother() throws Exception {
    byte[] key = SignedValue.keyFor(hosts.get(3).peerId(), "capabilities");
    byte[] v1 = SignedValue.sign(keys.get(3), key, 1, bytes("gpu=none")).encode();
    byte[] v2 = SignedValue.sign(keys.get(3), key, 2, bytes("gpu=a100")).encode();
    assertThat(dhts.get(3).putValue(key, v1).get(20, TimeUnit.SECONDS)).isPositive();
    assertThat(dhts.get(3).putValue(key, v2).get(20, TimeUnit.SECONDS)).isPositive();

    Optional<byte[]> read = dhts.get(15).getValue(key).get(20, TimeUnit.SECONDS);
    assertThat(read).isPresent();
    assertThat(SignedValue.decode(read.get()).payload()).isEqualTo(bytes("gpu=a100"));
  }

  @Test
  void aValueSignedByAnotherPeerIsRefusedBeforeItLeaves() {
    byte[] key = SignedValue.keyFor(hosts.get(3).peerId(), "capabilities");
    byte[] forged = SignedValue.sign(keys.get(4), key, 9, bytes("forged")).encode();
    assertThatThrownBy(() -> dhts.get(4).putValue(key, forged).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("not " + hosts.get(3).peerId());
  }

  @Test
  void aProviderIsFoundFromAnotherNode() throws Exception {
    byte[] key = ProviderKeys.of("runtime/docker");
    assertThat(dhts.get(5).provide(key).get(20, TimeUnit.SECONDS)).isPositive();

    List<PeerAddresses> providers = dhts.get(12).findProviders(key, 5).get(20, TimeUnit.SECONDS);
    assertThat(providers).extracting(PeerAddresses::peer).contains(hosts.get(5).peerId());
    assertThat(providers.get(0).addresses()).containsAnyElementsOf(hosts.get(5).listenAddresses());
  }

  @Test
  void aClientModeNodeFindsPeersButNoServerAddsItToItsTable() throws Exception {
    Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
    try (host; KadDht client = new KadDht(host, testConfig().withMode(DhtMode.CLIENT),
        Clock.systemUTC())) {
      client.start();
      assertThat(client.bootstrap(List.of(hosts.get(0).listenAddresses().get(0)
          .encapsulate("/p2p/" + hosts.get(0).peerId()))).get(20, TimeUnit.SECONDS)).isPositive();
      assertThat(host.protocols()).doesNotContain(KadRpc.PROTOCOL);
      PeerId target = hosts.get(17).peerId();
      Optional<PeerAddresses> found = client.findPeer(target).get(20, TimeUnit.SECONDS);
      assertThat(found).isPresent();
      // Identify told every server we talked to that we do not serve the DHT.
      assertThat(host.connectionManager().connections()).hasSizeGreaterThan(1);
      assertThat(dhts).noneMatch(d -> d.routingTable().contains(host.peerId()));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
