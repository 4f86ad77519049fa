package ai.hanzo.libp2p.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportIT {
  private final EventLoops loops = EventLoops.create(1);
  private final ExecutorService resolver = Executors.newSingleThreadExecutor();
  private final TcpTransport transport = new TcpTransport(loops, Duration.ofSeconds(5), resolver);

  @AfterEach
  void close() {
    loops.close();
    resolver.shutdownNow();
  }

  private void listenAndDial(String listen, String dialHost) throws Exception {
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    TcpListener listener = transport.listen(Multiaddr.parse(listen), accepted::complete)
        .get(5, TimeUnit.SECONDS);
    int port = listener.address().components().get(1).port();
    assertThat(port).isPositive();
    Channel dialed = transport.dial(Multiaddr.parse(dialHost + "/tcp/" + port), ch -> { })
        .get(5, TimeUnit.SECONDS);
    Channel server = accepted.get(5, TimeUnit.SECONDS);
    assertThat(((InetSocketAddress) server.remoteAddress()).getPort())
        .isEqualTo(((InetSocketAddress) dialed.localAddress()).getPort());
    dialed.close().sync();
    listener.close().get(5, TimeUnit.SECONDS);
    assertThat(listener.isOpen()).isFalse();
  }

  @Test
  void ipv4WithPortZero() throws Exception {
    listenAndDial("/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1");
  }

  @Test
  void ipv6() throws Exception {
    listenAndDial("/ip6/::1/tcp/0", "/ip6/::1");
  }

  @Test
  void dnsNamesAreResolved() throws Exception {
    listenAndDial("/ip4/127.0.0.1/tcp/0", "/dns4/localhost");
  }

  @Test
  void connectionRefusedAndBadAddressesFailWithTheReason() {
    assertThatThrownBy(() -> transport.dial(Multiaddr.parse("/ip4/127.0.0.1/udp/1"), ch -> { })
        .get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("not a TCP multiaddr");
    assertThatThrownBy(() -> transport.dial(Multiaddr.parse("/dns4/no-such-host.invalid/tcp/1"),
        ch -> { }).get(10, TimeUnit.SECONDS))
        .hasMessageContaining("no-such-host.invalid");
  }

  @Test
  void stripsPeerIds() {
    Multiaddr a = Multiaddr.parse(
        "/ip4/1.2.3.4/tcp/5/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB");
    assertThat(TcpTransport.withoutPeerId(a)).isEqualTo(Multiaddr.parse("/ip4/1.2.3.4/tcp/5"));
    assertThat(TcpTransport.canDial(a)).isTrue();
    assertThat(TcpTransport.canDial(Multiaddr.parse("/dnsaddr/x/tcp/1"))).isFalse();
  }
}
