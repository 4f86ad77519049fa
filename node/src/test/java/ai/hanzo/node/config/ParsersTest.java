package ai.hanzo.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

  @Property
  void durationInSecondsRoundTrips(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seconds) {
    assertThat(Parsers.duration(seconds + "s")).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Property
  void hostPortRoundTrips(@ForAll @IntRange(min = 0, max = 65535) int port) {
    for (String host : new String[] {"127.0.0.1", "::1", "node.example"}) {
      HostPort hp = new HostPort(host, port);
      assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
    }
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
