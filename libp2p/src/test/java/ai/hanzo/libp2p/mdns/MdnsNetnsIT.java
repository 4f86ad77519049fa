package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.interop.JsPeer;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mDNS between real processes inside a loopback-only network namespace (so no packet reaches a real network): two
 * Java hosts, and a Java host with the js-libp2p peer, find and dial each other. Needs root and iproute2; skipped
 * without them, except on CI.
 */
class MdnsNetnsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private NetworkNamespace namespace;

  @BeforeEach
  void createNamespace() throws Exception {
    namespace = NetworkNamespace.createOrSkip();
  }

  @AfterEach
  void deleteNamespace() {
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void twoJavaProcessesOnOneHostDiscoverAndDialEachOther() throws Exception {
    try (ChildProcess a = ChildProcess.java(namespace.launcher(), MdnsChildMain.class, "--dial");
        ChildProcess b = ChildProcess.java(namespace.launcher(), MdnsChildMain.class)) {
      Multiaddr listenA = Multiaddr.parse(a.awaitPrefix("LISTENING ", PATIENCE));
      Multiaddr listenB = Multiaddr.parse(b.awaitPrefix("LISTENING ", PATIENCE));
      String peerA = PeerId.of(listenA).orElseThrow().toString();
      String peerB = PeerId.of(listenB).orElseThrow().toString();

      assertThat(a.awaitPrefix("INTERFACES ", PATIENCE)).as("the default choice in a loopback-only namespace")
          .isEqualTo("lo");
      assertThat(a.awaitPrefix("DISCOVERED " + peerB + " ", PATIENCE).split(","))
          .contains(loopbackAddress(listenB).toString());
      assertThat(b.awaitPrefix("DISCOVERED " + peerA + " ", PATIENCE).split(","))
          .contains(loopbackAddress(listenA).toString());
      a.await(line -> line.equals("CONNECTED " + peerB + " OUTBOUND"), PATIENCE);
      b.await(line -> line.equals("CONNECTED " + peerA + " INBOUND"), PATIENCE);

      a.close();
      assertThat(a.exitValue()).as("a clean shutdown after stdin ends").isZero();
    }
  }

  @Test
  void javaFindsTheJsPeerAndDialsIt() throws Exception {
    JsPeer.assumeAvailable();
    try (ChildProcess java = ChildProcess.java(namespace.launcher(), MdnsChildMain.class, "--dial");
        JsPeer js = JsPeer.startWith(namespace.launcher(), "--mdns", "--mdns-interval", "500")) {
      String javaPeer = PeerId.of(Multiaddr.parse(java.awaitPrefix("LISTENING ", PATIENCE))).orElseThrow().toString();

      assertThat(java.awaitPrefix("DISCOVERED " + js.peerId() + " ", PATIENCE).split(","))
          .containsExactly(Multiaddr.parse(js.addrs().get(0)).decapsulate("/p2p/" + js.peerId()).toString());
      java.await(line -> line.equals("CONNECTED " + js.peerId() + " OUTBOUND"), PATIENCE);
      js.awaitEvent(e -> e.path("event").asText().equals("peer:connect")
          && e.path("peer").asText().equals(javaPeer), PATIENCE);
    }
  }

  @Test
  void theJsPeerFindsJavaAndDialsIt() throws Exception {
    JsPeer.assumeAvailable();
    try (ChildProcess java = ChildProcess.java(namespace.launcher(), MdnsChildMain.class);
        JsPeer js = JsPeer.startWith(namespace.launcher(), "--mdns", "--mdns-interval", "500",
            "--dial-discovered")) {
      Multiaddr javaListen = Multiaddr.parse(java.awaitPrefix("LISTENING ", PATIENCE));
      String javaPeer = PeerId.of(javaListen).orElseThrow().toString();

      JsonNode found = js.awaitEvent(e -> e.path("event").asText().equals("peer:discovery")
          && e.path("peer").asText().equals(javaPeer), PATIENCE);
      assertThat(found.path("addrs").toString()).contains(loopbackAddress(javaListen).toString());
      java.await(line -> line.equals("CONNECTED " + js.peerId() + " INBOUND"), PATIENCE);
    }
  }

  /** The IPv4 address a wildcard listener has in a loopback-only namespace (besides ::1). */
  private static Multiaddr loopbackAddress(Multiaddr listen) {
    int port = listen.toInetSocketAddress().getPort();
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port);
  }
}
