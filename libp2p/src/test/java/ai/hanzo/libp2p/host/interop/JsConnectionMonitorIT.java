package ai.hanzo.libp2p.host.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.protocol.echo.EchoHandler;
import ai.hanzo.libp2p.host.protocol.ping.PingClient;
import ai.hanzo.libp2p.interop.JsPeer;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.transport.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * js-libp2p pings every connection every 10 s without half-closing and aborts it when the ping
 * fails. With our own keep-alive (ping and Yamux) off, only our answers keep the connection up.
 */
class JsConnectionMonitorIT {
  @Test
  void answersJsMonitorPingsAndStaysConnected() throws Exception {
    JsPeer.assumeAvailable();
    HostConfig config = HostConfig.defaults(Ed25519PrivateKey.generate())
        .withPingInterval(Duration.ZERO)
        .withYamux(HostConfig.yamuxOverNoise().withKeepAliveInterval(Duration.ZERO));
    AtomicInteger pingsServed = new AtomicInteger();
    try (JsPeer js = JsPeer.start(); Host host = new Host(config)) {
      host.addProtocolHandler(PingClient.ID, () -> {
        pingsServed.incrementAndGet();
        return new EchoHandler();
      });
      Connection c = host.dial(Multiaddr.parse(js.addrs().get(0))).get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(500))
          .until(() -> pingsServed.get() >= 2);
      assertThat(c.isOpen()).isTrue();
      assertThat(host.connectionManager().connections()).containsExactly(c);
      assertThat(js.events()).noneMatch(e -> "peer:disconnect".equals(e.path("event").asText()));
    }
  }
}
