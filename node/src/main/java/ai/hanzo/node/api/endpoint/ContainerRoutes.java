package ai.hanzo.node.api.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which placed deployment runs a container, remembered for a short while: without it every exec through the placing
 * node asked each of the org's placed deployments' nodes for status first. Bounded ({@link #MAX_ENTRIES}, oldest
 * out) and short-lived ({@link #TTL}), since a container may be recreated or moved at any time; the caller drops an
 * entry whose exec failed, and an entry whose deployment is no longer placed where it was is not returned.
 */
final class ContainerRoutes {
  static final int MAX_ENTRIES = 1024;
  static final Duration TTL = Duration.ofSeconds(10);

  private record Route(PlacedDeployments.Placed placed, Instant until) {}

  private final Clock clock;
  private final Map<String, Route> routes = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Route> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  ContainerRoutes(Clock clock) {
    this.clock = clock;
  }

  /** The remembered placement of {@code container}, if fresh. */
  synchronized Optional<PlacedDeployments.Placed> find(String container) {
    Route r = routes.get(container);
    if (r == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(r.until())) {
      routes.remove(container);
      return Optional.empty();
    }
    return Optional.of(r.placed());
  }

  synchronized void remember(String container, PlacedDeployments.Placed placed) {
    routes.remove(container);
    routes.put(container, new Route(placed, clock.instant().plus(TTL)));
  }

  synchronized void forget(String container) {
    routes.remove(container);
  }

  synchronized int size() {
    return routes.size();
  }
}
