package ai.hanzo.libp2p.kad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.interop.JsPeer;
import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.provider.ProviderKeys;
import ai.hanzo.libp2p.kad.record.PublicKeyValidator;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java DHT against js-libp2p's kad-dht (server mode, passthrough address mapper). */
class JsDhtInteropIT {
  private static final Duration JS_TIMEOUT = Duration.ofSeconds(20);
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void requirePeer() {
    JsPeer.assumeAvailable();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private record Node(Host host, KadDht dht, Multiaddr address) {
    Multiaddr p2p() {
      return address.encapsulate("/p2p/" + host.peerId());
    }
  }

  private Node javaNode() throws Exception {
    Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
    resources.add(host);
    Multiaddr address = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    KadDht dht = new KadDht(host, DhtNetworkIT.testConfig(), Clock.systemUTC());
    dht.start();
    resources.add(dht);
    return new Node(host, dht, address);
  }

  private JsPeer jsPeer() throws Exception {
    JsPeer js = JsPeer.start();
    resources.add(js);
    return js;
  }

  private static PeerId id(JsPeer js) {
    return PeerId.parse(js.peerId());
  }

  /** FIND_NODE on {@code server} for {@code target}, straight over the wire. */
  private static List<DhtPeer> findNode(Node from, PeerId server, PeerId target) throws Exception {
    KadRpc rpc = new KadRpc(from.host(), Duration.ofSeconds(5), KadConfig.MIN_MESSAGE_SIZE);
    return rpc.request(server, DhtMessage.request(MessageType.FIND_NODE, target.toBytes()))
        .get(10, TimeUnit.SECONDS).closerPeers();
  }

  @Test
  void javaFindsAJsPeerThroughAnotherJsPeer() throws Exception {
    JsPeer js1 = jsPeer();
    JsPeer js2 = jsPeer();
    js2.command(Map.of("cmd", "dial", "addr", js1.addrs().get(0)), JS_TIMEOUT);
    Node java = javaNode();
    java.host().dial(Multiaddr.parse(js1.addrs().get(0))).get(10, TimeUnit.SECONDS);

    // js1 puts js2 into its table once Identify and a ping succeeded; its FIND_NODE answer then
    // names js2 with its address.
    List<DhtPeer> closer = await().atMost(Duration.ofSeconds(30)).until(
        () -> findNode(java, id(js1), id(js2)),
        peers -> peers.stream().anyMatch(p -> p.id().equals(id(js2))));
    Multiaddr js2Address = Multiaddr.parse(js2.addrs().get(0)).decapsulate("/p2p/" + js2.peerId());
    // js 3.x may name the same peer twice (table and peer store); each entry must be right.
    assertThat(closer).filteredOn(p -> p.id().equals(id(js2))).isNotEmpty()
        .allSatisfy(p -> assertThat(p.addresses()).contains(js2Address));

    assertThat(java.dht().bootstrap(List.of(Multiaddr.parse(js1.addrs().get(0))))
        .get(30, TimeUnit.SECONDS)).isPositive();
    assertThat(java.dht().routingTable().contains(id(js1))).isTrue();
    Optional<PeerAddresses> found = java.dht().findPeer(id(js2)).get(30, TimeUnit.SECONDS);
    assertThat(found).isPresent();
    assertThat(found.get().addresses()).contains(js2Address);
  }

  @Test
  void jsFindsAJavaNodeItOnlyKnowsThroughAnotherJavaNode() throws Exception {
    Node a = javaNode();
    Node b = javaNode();
    assertThat(b.dht().bootstrap(List.of(a.p2p())).get(30, TimeUnit.SECONDS)).isPositive();
    JsPeer js = jsPeer();
    js.command(Map.of("cmd", "dial", "addr", a.p2p().toString()), JS_TIMEOUT);
    await().atMost(Duration.ofSeconds(30)).until(() -> a.dht().routingTable().contains(id(js)));

    JsonNode reply = await().atMost(Duration.ofSeconds(60)).until(
        () -> js.tryCommand(Map.of("cmd", "findPeer", "peer", b.host().peerId().toString()),
            JS_TIMEOUT),
        r -> r.path("ok").asBoolean());
    assertThat(reply.get("peer").asText()).isEqualTo(b.host().peerId().toString());
    List<String> addrs = new ArrayList<>();
    reply.get("addrs").forEach(x -> addrs.add(x.asText()));
    assertThat(addrs).anyMatch(x -> x.startsWith(b.address().toString()));

    JsonNode closest = js.command(Map.of("cmd", "closestPeers", "key",
        b.host().peerId().toString()), JS_TIMEOUT);
    List<String> peers = new ArrayList<>();
    closest.get("peers").forEach(p -> peers.add(p.get("peer").asText()));
    assertThat(peers).contains(a.host().peerId().toString(), b.host().peerId().toString());
  }

  @Test
  void jsStoresOurProviderAnnouncementsAndPublicKeyRecords() throws Exception {
    Node provider = javaNode();
    JsPeer js = jsPeer();
    js.command(Map.of("cmd", "dial", "addr", provider.p2p().toString()), JS_TIMEOUT);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> provider.dht().routingTable().contains(id(js)));
    byte[] key = ProviderKeys.of("runtime/docker");
    assertThat(provider.dht().provide(key).get(30, TimeUnit.SECONDS)).isEqualTo(1);

    Node asker = javaNode();
    asker.host().dial(Multiaddr.parse(js.addrs().get(0))).get(10, TimeUnit.SECONDS);
    KadRpc rpc = new KadRpc(asker.host(), Duration.ofSeconds(5), KadConfig.MIN_MESSAGE_SIZE);
    List<DhtPeer> providers = await().atMost(Duration.ofSeconds(20)).until(
        () -> rpc.request(id(js), DhtMessage.request(MessageType.GET_PROVIDERS, key))
            .get(10, TimeUnit.SECONDS).providerPeers(),
        list -> !list.isEmpty());
    assertThat(providers).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(provider.host().peerId());
      assertThat(p.addresses()).contains(provider.address());
    });

    // js validates /pk/ records with its own validator before it stores them.
    byte[] pkKey = PublicKeyValidator.keyFor(provider.host().peerId());
    byte[] publicKey = provider.host().config().identity().publicKey().marshal();
    assertThat(provider.dht().putValue(pkKey, publicKey).get(30, TimeUnit.SECONDS)).isPositive();
    DhtMessage got = rpc.request(id(js), DhtMessage.request(MessageType.GET_VALUE, pkKey))
        .get(10, TimeUnit.SECONDS);
    assertThat(got.record()).isNotNull();
    assertThat(got.record().value()).isEqualTo(publicKey);
    assertThat(asker.dht().getValue(pkKey).get(30, TimeUnit.SECONDS)).hasValue(publicKey);
  }
}
