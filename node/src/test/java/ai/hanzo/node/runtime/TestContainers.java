package ai.hanzo.node.runtime;

import java.time.Duration;
import java.util.Map;

/** Test cleanup: stops and removes every container a runtime lists. */
public final class TestContainers {
  private TestContainers() {}

  public static void removeAll(ContainerRuntime runtime) {
    for (ContainerState state : runtime.list(Map.of())) {
      runtime.stop(state.id(), Duration.ofSeconds(1));
      runtime.remove(state.id());
    }
  }
}
