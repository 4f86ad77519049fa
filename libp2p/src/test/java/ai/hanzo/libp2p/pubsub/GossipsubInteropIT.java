package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.interop.JsPeer;
import ai.hanzo.libp2p.peer.PeerId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Java and two js-libp2p nodes in one mesh: A — X — B — Y (A, B Java; X, Y js), so A reaches
 * B and Y only through the js node X, and Y reaches A only through B and X.
 */
class GossipsubInteropIT {
  private static final String T = "interop-topic";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final List<AutoCloseable> open = new ArrayList<>();
  private GossipNode a;
  private GossipNode b;
  private JsPeer x;
  private JsPeer y;

  @BeforeEach
  void start() throws Exception {
    JsPeer.assumeAvailable();
    x = JsPeer.start("--subscribe", T);
    open.add(x);
    y = JsPeer.start("--subscribe", T);
    open.add(y);
    a = GossipNode.start(GossipsubConfig.defaults());
    open.add(a);
    b = GossipNode.start(GossipsubConfig.defaults());
    open.add(b);
    a.subscribe(T);
    b.subscribe(T);
    a.dial(x.addrs().get(0));
    b.dial(x.addrs().get(0));
    b.dial(y.addrs().get(0));
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static boolean jsMeshHas(JsPeer js, PeerId... peers) throws Exception {
    JsonNode mesh = js.command(Map.of("cmd", "topics"), Duration.ofSeconds(5))
        .path("meshPeers").path(T);
    List<String> ids = new ArrayList<>();
    mesh.forEach(p -> ids.add(p.asText()));
    for (PeerId p : peers) {
      if (!ids.contains(p.toString())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode awaitJsMessage(JsPeer js, String data) {
    return js.awaitEvent(e -> "message".equals(e.path("event").asText())
        && data.equals(e.path("data").asText()), WAIT);
  }

  @Test
  void messagesFromEachSideReachAllOthersAcrossJsAndJavaNodes() throws Exception {
    PeerId xId = PeerId.parse(x.peerId());
    PeerId yId = PeerId.parse(y.peerId());
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(a.mesh(T)).contains(xId);
      assertThat(b.mesh(T)).contains(xId, yId);
      assertThat(jsMeshHas(x, a.peerId(), b.peerId())).isTrue();
      assertThat(jsMeshHas(y, b.peerId())).isTrue();
    });
    assertThat(a.host.connectionManager().find(b.peerId())).isEmpty();

    a.publish(T, "from-java-a");
    JsonNode atX = awaitJsMessage(x, "from-java-a");
    JsonNode atY = awaitJsMessage(y, "from-java-a");
    assertThat(atX.path("signed").asBoolean()).isTrue();
    assertThat(atX.path("from").asText()).isEqualTo(a.peerId().toString());
    assertThat(atY.path("signed").asBoolean()).isTrue();
    await().atMost(WAIT).until(() -> b.got("from-java-a"));

    y.command(Map.of("cmd", "publish", "topic", T, "data", "from-js-y"), Duration.ofSeconds(10));
    await().atMost(WAIT).until(() -> a.got("from-js-y") && b.got("from-js-y"));
    awaitJsMessage(x, "from-js-y");

    x.command(Map.of("cmd", "publish", "topic", T, "data", "from-js-x"), Duration.ofSeconds(10));
    await().atMost(WAIT).until(() -> a.got("from-js-x") && b.got("from-js-x"));
    awaitJsMessage(y, "from-js-x");

    b.publish(T, "from-java-b");
    await().atMost(WAIT).until(() -> a.got("from-java-b"));
    awaitJsMessage(x, "from-java-b");
    awaitJsMessage(y, "from-java-b");

    for (String m : List.of("from-java-a", "from-js-y", "from-js-x", "from-java-b")) {
      assertThat(a.received.get(m).get()).as("%s at A", m).isEqualTo(1);
      assertThat(b.received.get(m).get()).as("%s at B", m).isEqualTo(1);
    }
    assertThat(a.gossip.peerScore(xId).get()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void largeMessagesFlowOverMeshsub12WithIdontwantBothWays() throws Exception {
    PeerId xId = PeerId.parse(x.peerId());
    PeerId yId = PeerId.parse(y.peerId());
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(a.host.peerStore().protocols(xId)).contains(Gossipsub.MESHSUB_V12);
      assertThat(jsSeesProtocols(x, a.peerId())).contains(Gossipsub.MESHSUB_V12);
      assertThat(b.mesh(T)).contains(xId, yId);
      assertThat(jsMeshHas(x, a.peerId(), b.peerId())).isTrue();
    });
    // Above both sides' IDONTWANT thresholds (js: 512 bytes, Java: 1 KiB), so each receiver announces it.
    String fromJs = "js-large-" + "y".repeat(3000);
    String fromJava = "java-large-" + "b".repeat(3000);
    y.command(Map.of("cmd", "publish", "topic", T, "data", fromJs), Duration.ofSeconds(10));
    b.publish(T, fromJava);
    await().atMost(WAIT).until(() -> a.got(fromJs) && b.got(fromJs) && a.got(fromJava));
    awaitJsMessage(x, fromJs);
    awaitJsMessage(x, fromJava);
    awaitJsMessage(y, fromJava);
    assertThat(a.received.get(fromJs).get()).isEqualTo(1);
    assertThat(b.received.get(fromJs).get()).isEqualTo(1);
    assertThat(a.received.get(fromJava).get()).isEqualTo(1);
    assertThat(b.gossip.peerScore(xId).get()).isGreaterThanOrEqualTo(0);
    assertThat(b.gossip.peerScore(yId).get()).isGreaterThanOrEqualTo(0);
    assertThat(jsSeesProtocols(x, b.peerId())).as("js kept B connected").isNotEmpty();
  }

  /** The protocols {@code js} knows {@code peer} for while connected to it (empty when not connected). */
  private static List<String> jsSeesProtocols(JsPeer js, PeerId peer) throws Exception {
    List<String> protocols = new ArrayList<>();
    for (JsonNode p : js.command(Map.of("cmd", "peers"), Duration.ofSeconds(5)).path("peers")) {
      if (p.path("peer").asText().equals(peer.toString())) {
        p.path("protocols").forEach(proto -> protocols.add(proto.asText()));
      }
    }
    return protocols;
  }
}
