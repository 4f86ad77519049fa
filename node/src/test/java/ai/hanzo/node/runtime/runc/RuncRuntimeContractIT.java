package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeContractIT;
import ai.hanzo.node.runtime.RuntimeWarnings;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.image.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

class RuncRuntimeContractIT extends ContainerRuntimeContractIT {
  static final String IMAGE = "busybox:test";

  @BeforeAll
  static void requireRunc() {
    RuncPresence.require(BusyboxImage.hostHasBusybox());
  }

  @Override
  protected ContainerRuntime newRuntime(Path root, Path dataDir, RuntimeWarnings warnings) {
    LocalImageStore images = LocalImageStore.offline(dataDir.resolve("images"));
    try {
      images.importRootfsTar(IMAGE, BusyboxImage.buildTar(dataDir));
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the busybox rootfs", e);
    }
    assertThat(images.list()).containsExactly(IMAGE);
    return new RuncRuntime(HostRuntimeConfig.of(root, dataDir).withWarnings(warnings), images, Optional.empty());
  }

  @Override
  protected String image() {
    return IMAGE;
  }

  @Override
  protected String memoryLimitUnenforcedReason() {
    return null;
  }
}
