package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.testing.LanAddress;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The port a node reports (ports.json, the banner) when it listens on one LAN address rather than loopback or the
 * wildcard: Armeria's {@code activeLocalPort()} counts neither, so such a node failed to start with "no active local
 * ports" (seen when PartitionNetnsIT bound each node to its network namespace's address).
 */
class ApiServersBoundPortTest {
  @Test
  void aServerOnOneLanAddressReportsItsPort() throws Exception {
    InetAddress lan = LanAddress.find().orElse(null);
    Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address to bind");
    Server server = Server.builder().http(new InetSocketAddress(lan, 0)).service("/", (ctx, req) ->
        HttpResponse.of(200)).build();
    server.start().join();
    try {
      int port = ApiServers.boundPort(server);
      assertThat(port).isPositive();
      assertThat(server.activePort().localAddress().getAddress()).isEqualTo(lan);
      assertThatThrownBy(server::activeLocalPort).as("why boundPort exists").isInstanceOf(
          IllegalStateException.class);
    } finally {
      server.stop().join();
    }
  }

  @Test
  void aServerNotListeningHasNoPort() {
    Server server = Server.builder().http(0).service("/", (ctx, req) -> HttpResponse.of(200)).build();
    assertThatThrownBy(() -> ApiServers.boundPort(server)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not listening");
  }
}
