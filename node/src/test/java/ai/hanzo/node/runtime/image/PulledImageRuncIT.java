package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.RecordingLogConsumer;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.runc.RuncRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runc container from an image the runtime pulls on first use, running with the image config's defaults. */
class PulledImageRuncIT {
  @TempDir
  Path dataDir;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(dataDir);
  }

  @Test
  void createPullsOnFirstUseAndRunsTheImageDefaults() throws Exception {
    try (LoopbackRegistry registry = LoopbackRegistry.start(false)) {
      String image = registry.push(TestArchives.greeterDockerArchive(dataDir, "greeter:1"), "greeter:1");
      LocalImageStore images = LocalImageStore.pulling(dataDir.resolve("images"),
          RegistrySettings.DEFAULTS.withInsecure(Set.of(registry.address())), PlatformSelector.host());
      RuncRuntime runtime = new RuncRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir), images,
          Optional.empty());
      requireRunc(runtime);
      try {
        assertThat(images.list()).isEmpty();
        String defaults = runtime.create(spec("defaults", image, List.of(), Map.of()));
        assertThat(images.list()).containsExactly(image);
        runtime.start(defaults);
        assertThat(output(runtime, defaults)).containsExactly("hello from /tmp");

        String overridden = runtime.create(spec("overridden", image, List.of("echo $GREETING in $PWD"),
            Map.of("GREETING", "hi")));
        runtime.start(overridden);
        assertThat(output(runtime, overridden)).containsExactly("hi in /tmp");
      } finally {
        try {
          TestContainers.removeAll(runtime);
        } finally {
          runtime.close();
        }
      }
    }
  }

  private static ContainerSpec spec(String name, String image, List<String> command, Map<String, String> env) {
    return new ContainerSpec(name, image, List.of(), command, env, "", Map.of(), ResourceLimits.NONE, List.of(),
        NetworkMode.HOST, null);
  }

  /** Waits for the container to exit 0 and returns its output lines. */
  static List<String> output(RuncRuntime runtime, String id) throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> runtime.inspect(id).status() == ContainerStatus.EXITED);
    assertThat(runtime.inspect(id).exitCode()).hasValue(0);
    RecordingLogConsumer consumer = new RecordingLogConsumer();
    try (LogSubscription subscription = runtime.logs(id, LogQuery.ALL, consumer)) {
      subscription.done().get(30, TimeUnit.SECONDS);
    }
    return consumer.lines();
  }

  private static void requireRunc(RuncRuntime runtime) {
    String message = "runc must be installed (apt-get install runc): " + runtime.available().reason();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(runtime.available().available()).as(message).isTrue();
    } else {
      assumeThat(runtime.available().available()).as(message).isTrue();
    }
    assertThat(Files.isDirectory(Path.of("/sys/fs/cgroup"))).isTrue();
  }
}
