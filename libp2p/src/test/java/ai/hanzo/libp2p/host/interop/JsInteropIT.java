package ai.hanzo.libp2p.host.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.host.PeerInfo;
import ai.hanzo.libp2p.host.protocol.echo.EchoClient;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyService;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfResult;
import ai.hanzo.libp2p.host.protocol.perf.PerfServerHandler;
import ai.hanzo.libp2p.host.protocol.ping.PingClient;
import ai.hanzo.libp2p.interop.JsPeer;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our host against the real js-libp2p peer, each side dialing the other. */
class JsInteropIT {
  private static final long PERF_BYTES = 64L << 20;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static JsPeer js;
  private static PeerId jsPeer;
  private Host host;
  private Multiaddr listening;

  @BeforeAll
  static void startJs() throws Exception {
    JsPeer.assumeAvailable();
    // Without its connection monitor: js's heartbeat ping queues behind the bulk perf data on the same connection,
    // and on a loaded machine it misses js's adaptive timeout, so js aborts the connection mid-test ("aborting
    // connection due to ping failure" with DEBUG=libp2p:connection-monitor*). JsConnectionMonitorIT covers the
    // monitor on its own.
    js = JsPeer.start("--inbound-conn-threshold", "100000", "--no-conn-monitor");
    jsPeer = PeerId.parse(js.peerId());
  }

  @AfterAll
  static void stopJs() {
    if (js != null) {
      js.close();
    }
  }

  @BeforeEach
  void startHost() throws Exception {
    host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate())
        .withAgentVersion("hanzo-node/test"));
    listening = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopHost() throws Exception {
    if (host != null) {
      host.close();
      js.tryCommand(Map.of("cmd", "hangup", "peer", host.peerId().toString()), WAIT);
    }
  }

  private Connection dialJs() throws Exception {
    return host.dial(Multiaddr.parse(js.addrs().get(0))).get(10, TimeUnit.SECONDS);
  }

  private String ourAddress() {
    return listening + "/p2p/" + host.peerId();
  }

  private JsonNode jsIdentifiedUs() {
    return js.awaitEvent(e -> "identify".equals(e.path("event").asText())
        && host.peerId().toString().equals(e.path("peer").asText()), WAIT);
  }

  private void awaitWeIdentifiedJs() {
    await().atMost(WAIT).until(() -> host.peerStore().get(jsPeer)
        .map(p -> !p.agentVersion().isEmpty()).orElse(false));
  }

  private void assertIdentifyBothWays() {
    JsonNode seen = jsIdentifiedUs();
    assertThat(seen.path("agentVersion").asText()).isEqualTo("hanzo-node/test");
    assertThat(seen.path("protocolVersion").asText()).isEqualTo(IdentifyService.PROTOCOL_VERSION);
    List<String> protocols = new ArrayList<>();
    seen.path("protocols").forEach(p -> protocols.add(p.asText()));
    assertThat(protocols).contains(IdentifyService.ID, PingClient.ID, EchoClient.ID,
        PerfClient.ID);
    List<String> addrs = new ArrayList<>();
    seen.path("listenAddrs").forEach(a -> addrs.add(a.asText()));
    assertThat(addrs).anyMatch(a -> a.startsWith(listening.toString()));

    awaitWeIdentifiedJs();
    PeerInfo info = host.peerStore().get(jsPeer).orElseThrow();
    assertThat(info.protocols()).contains(IdentifyService.ID, "/ipfs/kad/1.0.0", "/meshsub/1.2.0");
    assertThat(info.addresses()).contains(
        Multiaddr.parse(js.addrs().get(0)).decapsulate("/p2p/" + js.peerId()));
    assertThat(info.protocolVersion()).isEqualTo("ipfs/0.1.0");
    assertThat(info.key()).isPresent();
  }

  @Test
  void javaDialsJs() throws Exception {
    Connection c = dialJs();
    assertThat(c.remotePeer()).isEqualTo(jsPeer);
    assertIdentifyBothWays();

    assertThat(host.ping(jsPeer).get(5, TimeUnit.SECONDS)).isPositive();
    byte[] echoed = EchoClient.echo(c, "from java".getBytes(StandardCharsets.UTF_8))
        .get(5, TimeUnit.SECONDS);
    assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("from java");
    // js pings back over the same connection
    JsonNode ping = js.command(Map.of("cmd", "ping", "peer", host.peerId().toString()), WAIT);
    assertThat(ping.get("rtt").asDouble()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void jsDialsJava() throws Exception {
    JsonNode dial = js.command(Map.of("cmd", "dial", "addr", ourAddress()), WAIT);
    assertThat(dial.get("peer").asText()).isEqualTo(host.peerId().toString());
    assertThat(dial.get("encryption").asText()).isEqualTo("/noise");
    assertThat(dial.get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");
    assertIdentifyBothWays();

    JsonNode ping = js.command(Map.of("cmd", "ping", "peer", host.peerId().toString()), WAIT);
    assertThat(ping.get("rtt").asDouble()).isGreaterThanOrEqualTo(0);
    JsonNode echo = js.command(
        Map.of("cmd", "echo", "peer", host.peerId().toString(), "data", "from js"), WAIT);
    assertThat(echo.get("same").asBoolean()).isTrue();
    assertThat(echo.get("data").asText()).isEqualTo("from js");
    // and we use the connection js opened
    assertThat(host.ping(jsPeer).get(5, TimeUnit.SECONDS)).isPositive();
  }

  /**
   * js accepts at most 32 inbound echo and 64 inbound perf streams per connection, so we open
   * 90 parallel streams to js (30 echo, 60 perf), the most its limits allow with some room; js likewise opens at most 64 outbound streams per
   * protocol, so its 100 parallel streams to us are half echo, half perf.
   */
  @Test
  void parallelStreamsBothWays() throws Exception {
    Connection c = dialJs();
    List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
    List<CompletableFuture<PerfResult>> perfs = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      if (i % 3 == 0) {
        echoes.add(EchoClient.echo(c, ("java " + i).getBytes(StandardCharsets.UTF_8)));
      } else {
        perfs.add(PerfClient.run(c, 1000 + i, 2000 + i));
      }
    }
    List<CompletableFuture<JsonNode>> theirs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Map<String, Object> cmd = i % 2 == 0
          ? Map.of("cmd", "echo", "peer", host.peerId().toString(), "data", "js " + i)
          : Map.of("cmd", "perf", "peer", host.peerId().toString(), "upload", i, "download", 2 * i);
      theirs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return js.command(cmd, Duration.ofSeconds(20));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (int i = 0; i < echoes.size(); i++) {
      assertThat(new String(echoes.get(i).get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8))
          .isEqualTo("java " + 3 * i);
    }
    for (CompletableFuture<PerfResult> perf : perfs) {
      PerfResult r = perf.get(20, TimeUnit.SECONDS);
      assertThat(r.downloadBytes() - r.uploadBytes()).isEqualTo(1000);
    }
    for (int i = 0; i < 100; i++) {
      JsonNode reply = theirs.get(i).get(30, TimeUnit.SECONDS);
      if (i % 2 == 0) {
        assertThat(reply.get("data").asText()).isEqualTo("js " + i);
        assertThat(reply.get("same").asBoolean()).isTrue();
      } else {
        assertThat(reply.get("download").asLong()).isEqualTo(2L * i);
      }
    }
    assertThat(echoes.size() + perfs.size()).isEqualTo(90);
    assertThat(c.isOpen()).isTrue();
  }

  @Test
  void perf64MiBEachWay() throws Exception {
    Connection c = dialJs();
    PerfResult up = PerfClient.run(c, PERF_BYTES, 0).get(60, TimeUnit.SECONDS);
    assertThat(up.uploadBytes()).isEqualTo(PERF_BYTES);
    JsonNode served = js.awaitEvent(e -> "perf:served".equals(e.path("event").asText())
        && e.path("received").asLong() == PERF_BYTES, WAIT);
    assertThat(served.path("ok").asBoolean()).isTrue();
    PerfResult down = PerfClient.run(c, 0, PERF_BYTES).get(60, TimeUnit.SECONDS);
    assertThat(down.downloadBytes()).isEqualTo(PERF_BYTES);

    String us = host.peerId().toString();
    JsonNode jsUp = js.command(Map.of("cmd", "perf", "peer", us, "upload", PERF_BYTES,
        "download", 0), Duration.ofSeconds(60));
    assertThat(jsUp.get("upload").asLong()).isEqualTo(PERF_BYTES);
    JsonNode jsDown = js.command(Map.of("cmd", "perf", "peer", us, "upload", 0,
        "download", PERF_BYTES), Duration.ofSeconds(60));
    assertThat(jsDown.get("download").asLong()).isEqualTo(PERF_BYTES);
    assertThat(jsDown.get("downloadMbps").asDouble()).isPositive();
  }

  @Test
  void jsResettingAndHangingUpIsHandled() throws Exception {
    CompletableFuture<Void> reset = new CompletableFuture<>();
    host.addProtocolHandler(PerfClient.ID,
        () -> new ResetWatcher(new PerfServerHandler(), reset));
    Connection c = dialJs();
    // js gives up after 300 ms on a download it cannot finish in time and resets the stream
    JsonNode aborted = js.tryCommand(Map.of("cmd", "perf", "peer", host.peerId().toString(),
        "upload", 0, "download", 1L << 40, "timeoutMs", 300), WAIT);
    assertThat(aborted.path("ok").asBoolean()).isFalse();
    reset.get(10, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
    assertThat(host.ping(jsPeer).get(5, TimeUnit.SECONDS)).isPositive();

    CompletableFuture<Connection> gone = new CompletableFuture<>();
    host.addListener(new HostListener() {
      @Override
      public void disconnected(Connection connection) {
        gone.complete(connection);
      }
    });
    js.command(Map.of("cmd", "hangup", "peer", host.peerId().toString()), WAIT);
    assertThat(gone.get(10, TimeUnit.SECONDS).remotePeer()).isEqualTo(jsPeer);
    assertThat(host.connectionManager().find(jsPeer)).isEmpty();
  }

  @Test
  void wrongExpectedPeerIdFailsCleanly() throws Exception {
    PeerId other = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    Multiaddr wrong = Multiaddr.parse(js.addrs().get(0)).decapsulate("/p2p/" + js.peerId())
        .encapsulate("/p2p/" + other);
    assertThatThrownBy(() -> host.dial(wrong).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("expected " + other);
    assertThat(host.connectionManager().size()).isZero();
    assertThat(dialJs().isOpen()).isTrue();
  }
}
