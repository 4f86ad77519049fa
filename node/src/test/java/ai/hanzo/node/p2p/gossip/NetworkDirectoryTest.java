package ai.hanzo.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latest announcement per peer wins, metrics update it, silent peers are forgotten. */
class NetworkDirectoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NodeAnnouncement at(Instant t, String state) {
    return new NodeAnnouncement("n", "p", "a", state, new Capabilities(1, 1, 1, List.of(), List.of()),
        MetricsSummary.NONE, List.of(), t);
  }

  @Test
  void newestWinsMetricsUpdateAndSilentPeersGo() {
    NetworkDirectory d = new NetworkDirectory(Duration.ofMinutes(5));
    d.heard(at(T0.plusSeconds(10), "DRAINING"), T0.plusSeconds(10));
    d.heard(at(T0, "READY"), T0.plusSeconds(11));
    assertThat(d.find("p").orElseThrow().announcement().state()).as("an older heartbeat arriving late")
        .isEqualTo("DRAINING");
    d.heard(new MetricsAnnouncement("n", "p", new MetricsSummary(0.5, 0.25, 0.1, 3), T0.plusSeconds(20)));
    assertThat(d.find("p").orElseThrow().announcement().metrics().activeContainers()).isEqualTo(3);
    d.heard(new MetricsAnnouncement("n", "other", new MetricsSummary(0.5, 0.25, 0.1, 3), T0));
    assertThat(d.find("other")).as("no heartbeat yet").isEmpty();
    assertThat(d.all(T0.plus(Duration.ofMinutes(4)))).hasSize(1);
    d.forget("p");
    assertThat(d.find("p")).as("disconnected until it is heard again").isEmpty();
    d.heard(at(T0.plusSeconds(30), "READY"), T0.plusSeconds(30));
    assertThat(d.all(T0.plus(Duration.ofMinutes(6)))).isEmpty();
  }
}
