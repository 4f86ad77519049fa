package ai.hanzo.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The interop harness itself: two js peers find each other, so a failing interop IT points at our stack. */
class JsPeerSmokeIT {
  @BeforeAll
  static void requirePeer() {
    JsPeer.assumeAvailable();
  }

  @Test
  void twoJsPeersConnectAndPing() throws Exception {
    try (JsPeer a = JsPeer.start("--seed", JsPeer.TEST_SEED); JsPeer b = JsPeer.start()) {
      assertThat(a.peerId()).isEqualTo(JsPeer.TEST_PEER_ID);
      var dial = b.command(Map.of("cmd", "dial", "addr", a.addrs().get(0)), Duration.ofSeconds(10));
      assertThat(dial.get("peer").asText()).isEqualTo(a.peerId());
      assertThat(dial.get("encryption").asText()).isEqualTo("/noise");
      // js allows one outbound ping stream per protocol, and its DHT pings every new peer itself: retry until
      // ours gets through.
      var ping = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
          () -> b.tryCommand(Map.of("cmd", "ping", "peer", a.peerId()), Duration.ofSeconds(10)),
          reply -> reply.path("ok").asBoolean());
      assertThat(ping.get("rtt").asDouble()).isGreaterThanOrEqualTo(0);
    }
  }
}
