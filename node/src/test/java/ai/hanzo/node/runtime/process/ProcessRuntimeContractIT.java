package ai.hanzo.node.runtime.process;

import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeContractIT;
import ai.hanzo.node.runtime.RuntimeWarnings;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import java.nio.file.Path;

class ProcessRuntimeContractIT extends ContainerRuntimeContractIT {
  @Override
  protected ContainerRuntime newRuntime(Path root, Path dataDir, RuntimeWarnings warnings) {
    return new ProcessRuntime(HostRuntimeConfig.of(root, dataDir).withWarnings(warnings));
  }

  @Override
  protected String image() {
    return "";
  }

  @Override
  protected String memoryLimitUnenforcedReason() {
    return ((ProcessRuntime) runtime).limitsEnforced() ? null
        : "this host lets the process runtime create no writable cgroups, so limits are not enforced";
  }
}
