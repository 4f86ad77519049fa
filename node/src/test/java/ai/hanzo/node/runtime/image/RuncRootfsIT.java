package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.runc.RootfsMode;
import ai.hanzo.node.runtime.runc.RuncRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * runc container root filesystems from a pulled three-layer image whose top layer holds whiteouts: overlay mounts
 * (mounted while the container exists, not stacked on restart, mounted again after a reboot, unmounted on removal)
 * and copies show the same files.
 */
class RuncRootfsIT {
  private static final String SHOW = "ls /data; test -e /etc/gone.txt && echo gone-present || echo gone-absent";

  @TempDir
  Path dataDir;

  /** Unmounts whatever a failed test left mounted below the temp dir before anything is deleted. */
  @AfterEach
  void unmountAndDelete() throws IOException {
    for (Path mount : mountsBelow(dataDir)) {
      HostCommand.run(List.of("umount", "-l", mount.toString()), Duration.ofSeconds(30));
    }
    ContainerDirectories.deleteTree(dataDir);
  }

  @ParameterizedTest
  @EnumSource(value = RootfsMode.class, names = {"OVERLAY", "COPY"})
  void filesDeletedByAnUpperLayerAreAbsent(RootfsMode mode) throws Exception {
    if (mode == RootfsMode.OVERLAY) {
      requireOverlay();
    }
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      LocalImageStore images = pulling(registry);
      String image = registry.push(TestArchives.whiteoutDockerArchive(dataDir, "whiteouts:1"), "whiteouts:1");
      RuncRuntime runtime = runtime(images, mode);
      try {
        String id = runtime.create(spec("show", image, SHOW));
        assertThat(MountTable.mounted(bundleRootfs(id))).isEqualTo(mode == RootfsMode.OVERLAY);
        runtime.start(id);
        assertThat(PulledImageRuncIT.output(runtime, id)).containsExactly("new.txt", "gone-absent");
      } finally {
        removeAllAndClose(runtime);
      }
      assertThat(mountsBelow(dataDir)).isEmpty();
    }
  }

  @Test
  void anOverlayRootfsLivesAsLongAsItsContainer() throws Exception {
    requireOverlay();
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      LocalImageStore images = pulling(registry);
      String image = registry.push(TestArchives.whiteoutDockerArchive(dataDir, "whiteouts:1"), "whiteouts:1");
      RuncRuntime first = runtime(images, RootfsMode.AUTO);
      String id;
      Path imageRootfs;
      try {
        id = first.create(spec("writer", image, "echo written >> /tmp/w; cat /tmp/w | wc -l"));
        imageRootfs = images.find(image).orElseThrow().rootfs();
        first.start(id);
        assertThat(PulledImageRuncIT.output(first, id)).containsExactly("1");
        assertThat(Files.readString(dataDir.resolve("runtime/containers").resolve(id).resolve("overlay/upper/tmp/w")))
            .isEqualTo("written\n");
        assertThat(imageRootfs.resolve("tmp/w")).doesNotExist();
      } finally {
        first.close();
      }

      RuncRuntime restarted = runtime(images, RootfsMode.AUTO);
      try {
        restarted.start(id);
        assertThat(PulledImageRuncIT.output(restarted, id)).endsWith("2");
        assertThat(MountTable.count(bundleRootfs(id))).as("a restart must not stack a second mount").isEqualTo(1);

        HostCommand.check(List.of("umount", bundleRootfs(id).toString()), Duration.ofSeconds(30));
        restarted.start(id);
        assertThat(PulledImageRuncIT.output(restarted, id)).as("mounted again after a reboot, writes kept")
            .endsWith("3");
        assertThat(MountTable.count(bundleRootfs(id))).isEqualTo(1);

        images.remove(image);
        assertThat(imageRootfs).as("the image rootfs stays while a container uses it").isDirectory();
        restarted.remove(id);
        assertThat(mountsBelow(dataDir)).isEmpty();
        assertThat(dataDir.resolve("runtime/containers").resolve(id)).doesNotExist();
        assertThat(imageRootfs).as("the image rootfs goes with its last container").doesNotExist();
      } finally {
        removeAllAndClose(restarted);
      }
    }
  }

  private Path bundleRootfs(String id) {
    return dataDir.resolve("runtime/containers").resolve(id).resolve("bundle/rootfs");
  }

  private LocalImageStore pulling(LoopbackRegistry registry) {
    return LocalImageStore.pulling(dataDir.resolve("images"),
        RegistrySettings.DEFAULTS.withInsecure(Set.of(registry.address())), PlatformSelector.host());
  }

  private RuncRuntime runtime(LocalImageStore images, RootfsMode mode) {
    RuncRuntime runtime = new RuncRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir), images,
        Optional.empty(), mode);
    String message = "runc must be installed (apt-get install runc): " + runtime.available().reason();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(runtime.available().available()).as(message).isTrue();
    } else {
      assumeThat(runtime.available().available()).as(message).isTrue();
    }
    return runtime;
  }

  /** Overlay mounts need root and a kernel that allows them; where they are refused the node copies instead. */
  private void requireOverlay() {
    RuncRuntime probe = runtime(LocalImageStore.offline(dataDir.resolve("probe-images")), RootfsMode.AUTO);
    try {
      assumeThat(probe.available().reason()).as("overlay mounts are refused here").contains("overlay mount");
    } finally {
      probe.close();
    }
  }

  private static void removeAllAndClose(RuncRuntime runtime) {
    try {
      TestContainers.removeAll(runtime);
    } finally {
      runtime.close();
    }
  }

  private static ContainerSpec spec(String name, String image, String script) {
    return new ContainerSpec(name, image, List.of(), List.of(script), Map.of(), "", Map.of(), ResourceLimits.NONE,
        List.of(), NetworkMode.HOST, null);
  }

  private static List<Path> mountsBelow(Path dir) throws IOException {
    String prefix = dir.toAbsolutePath().normalize() + "/";
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(line -> line.split(" ")[4])
        .filter(point -> point.startsWith(prefix)).map(Path::of).toList();
  }

  /** Mount points of this process as the kernel lists them (the temp dirs here need no unescaping). */
  private static final class MountTable {
    static boolean mounted(Path path) throws IOException {
      return count(path) > 0;
    }

    static long count(Path path) throws IOException {
      String wanted = path.toAbsolutePath().normalize().toString();
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .filter(line -> line.split(" ")[4].equals(wanted)).count();
    }
  }
}
