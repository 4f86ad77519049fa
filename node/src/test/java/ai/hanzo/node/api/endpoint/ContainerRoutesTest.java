package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerRoutesTest {
  private static final PlacedDeployments.Placed ON_B = new PlacedDeployments.Placed("shell", "node-b", "12D3KooWB",
      "acme");

  @Test
  void aRouteLastsItsTtlAndNoLonger() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T13:00:00Z"));
    ContainerRoutes routes = new ContainerRoutes(clock);
    routes.remember("shell-web-1", ON_B);
    clock.advance(ContainerRoutes.TTL.minusMillis(1));
    assertThat(routes.find("shell-web-1")).contains(ON_B);
    clock.advance(Duration.ofMillis(1));
    assertThat(routes.find("shell-web-1")).as("expired").isEmpty();
    assertThat(routes.size()).as("an expired route is dropped when found").isZero();
  }

  @Test
  void aFailedExecForgetsItsRoute() {
    ContainerRoutes routes = new ContainerRoutes(new MutableClock(Instant.parse("2026-12-07T13:00:00Z")));
    routes.remember("shell-web-1", ON_B);
    routes.forget("shell-web-1");
    assertThat(routes.find("shell-web-1")).isEmpty();
  }

  @Test
  void atMostMaxEntriesOldestOut() {
    ContainerRoutes routes = new ContainerRoutes(new MutableClock(Instant.parse("2026-12-07T13:00:00Z")));
    for (int i = 0; i <= ContainerRoutes.MAX_ENTRIES; i++) {
      routes.remember("c-" + i, ON_B);
    }
    assertThat(routes.size()).isEqualTo(ContainerRoutes.MAX_ENTRIES);
    assertThat(routes.find("c-0")).as("the oldest went").isEmpty();
    assertThat(routes.find("c-" + ContainerRoutes.MAX_ENTRIES)).contains(ON_B);
  }
}
