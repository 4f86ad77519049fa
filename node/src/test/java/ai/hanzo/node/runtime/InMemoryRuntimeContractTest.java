package ai.hanzo.node.runtime;

import java.nio.file.Path;
import java.time.Clock;

/** The in-memory runtime of the engine's unit tests keeps the lifecycle contract of the real runtimes. */
class InMemoryRuntimeContractTest extends ContainerLifecycleContract {
  @Override
  protected ContainerRuntime newRuntime(Path root, Path dataDir, RuntimeWarnings warnings) {
    return new InMemoryRuntime(dataDir, Clock.systemUTC());
  }

  @Override
  protected String image() {
    return "";
  }
}
