package ai.hanzo.node.config;

import static ai.hanzo.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParsersTest {
  @Test
  void durations() {
    assertThat(Parsers.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Parsers.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Parsers.duration("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> Parsers.duration("1h 30m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Parsers.duration("h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Parsers.duration("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationInSecondsRoundTrips() {
    forAll(1000, g -> {
      long seconds = g.nextInt(1_000_000_000);
      assertThat(Parsers.duration(seconds + "s")).isEqualTo(Duration.ofSeconds(seconds));
    });
  }

  @Test
  void hostPortRoundTrips() {
    forAll(1000, g -> {
      int port = g.nextInt(65536);
      for (String host : new String[] {"127.0.0.1", "::1", "node.example"}) {
        HostPort hp = new HostPort(host, port);
        assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
      }
    });
  }

  @Test
  void emptyHostMeansAllInterfaces() {
    assertThat(HostPort.parse(":8080")).isEqualTo(new HostPort("0.0.0.0", 8080));
  }

  @Test
  void multiaddrs() {
    assertThat(Parsers.tcpMultiaddr("/ip4/0.0.0.0/tcp/0")).isEqualTo("/ip4/0.0.0.0/tcp/0");
    assertThat(Parsers.tcpMultiaddr("/dns4/a.b/tcp/1/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB"))
        .startsWith("/dns4/");
    assertThatThrownBy(() -> Parsers.tcpMultiaddr("/ip4/1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
  }
}
