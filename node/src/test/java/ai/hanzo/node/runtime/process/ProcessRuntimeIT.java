package ai.hanzo.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.RecordingLogConsumer;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.VolumeMount;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the process runtime promises: the exact environment, cleanup of leftovers, limits it cannot set. */
class ProcessRuntimeIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final List<ProcessRuntime> runtimes = new ArrayList<>();

  private ProcessRuntime runtime(Path cgroupMount) {
    ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir)
        .withWarnings((id, message) -> warnings.add(message)), cgroupMount);
    runtimes.add(runtime);
    return runtime;
  }

  @AfterEach
  void removeEverything() {
    try {
      TestContainers.removeAll(runtime(Path.of("/sys/fs/cgroup")));
    } finally {
      runtimes.forEach(ProcessRuntime::close);
    }
  }

  private static ContainerSpec spec(String name, String script, Map<String, String> env, List<VolumeMount> volumes,
      ResourceLimits limits) {
    return new ContainerSpec(name, "process", List.of("/bin/sh", "-c"), List.of(script), env, "", Map.of(), limits,
        volumes, NetworkMode.HOST, null);
  }

  @Test
  void theEnvironmentIsExactlyTheSpecs() throws Exception {
    ProcessRuntime runtime = runtime(Path.of("/sys/fs/cgroup"));
    // env itself, not through a shell: a shell would add PWD on its own
    String id = runtime.create(new ContainerSpec("env", "process", List.of("/usr/bin/env"), List.of(),
        Map.of("A", "1", "PATH", "/usr/bin:/bin"), "", Map.of(), ResourceLimits.NONE, List.of(), NetworkMode.HOST,
        null));
    runtime.start(id);
    await().atMost(WAIT).until(() -> runtime.inspect(id).status() == ContainerStatus.EXITED);
    RecordingLogConsumer consumer = new RecordingLogConsumer();
    try (LogSubscription subscription = runtime.logs(id, LogQuery.ALL, consumer)) {
      subscription.done().get(30, TimeUnit.SECONDS);
    }
    assertThat(consumer.lines()).containsExactlyInAnyOrder("A=1", "PATH=/usr/bin:/bin");
  }

  @Test
  void removeKillsBackgroundChildrenTheContainerLeftBehind() throws Exception {
    ProcessRuntime runtime = runtime(Path.of("/sys/fs/cgroup"));
    Path sync = dataDir.resolve("volumes/sync");
    String id = runtime.create(spec("parent", "sleep 60 & echo $! > sync/child; exit 0", Map.of(),
        List.of(new VolumeMount(sync, "/sync", false)), ResourceLimits.NONE));
    runtime.start(id);
    await().atMost(WAIT).until(() -> runtime.inspect(id).status() == ContainerStatus.EXITED);
    long child = Long.parseLong(Files.readString(sync.resolve("child")).strip());
    assertThat(ProcessHandle.of(child)).isPresent();

    runtime.remove(id);

    await().atMost(WAIT).until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
  }

  @Test
  void closingTheRuntimeEndsItsFollowsAndLeavesTheContainerRunning() {
    ProcessRuntime runtime = runtime(Path.of("/sys/fs/cgroup"));
    String id = runtime.create(spec("long", "echo hi; sleep 60", Map.of(), List.of(), ResourceLimits.NONE));
    runtime.start(id);
    RecordingLogConsumer consumer = new RecordingLogConsumer();
    LogSubscription subscription = runtime.logs(id, new LogQuery(null, 0, true), consumer);
    await().atMost(WAIT).until(() -> consumer.lines().contains("hi"));

    runtime.close();

    assertThat(subscription.done()).isDone();
    assertThat(runtime(Path.of("/sys/fs/cgroup")).inspect(id).status()).isEqualTo(ContainerStatus.RUNNING);
  }

  @Test
  void limitsTheHostCannotEnforceAreReportedAndTheContainerStillRuns(@TempDir Path noCgroups) {
    ProcessRuntime runtime = runtime(noCgroups);
    assertThat(runtime.limitsEnforced()).isFalse();
    String id = runtime.create(spec("unlimited", "sleep 60", Map.of(), List.of(),
        new ResourceLimits(64L << 20, 0, 10)));
    assertThat(warnings).singleElement().asString().contains("not enforced").contains("unlimited");

    runtime.start(id);

    assertThat(runtime.inspect(id).status()).isEqualTo(ContainerStatus.RUNNING);
    await().atMost(WAIT).until(() -> runtime.stats(id).pids() > 0);
    assertThat(runtime.stats(id).memoryBytes()).isPositive();
  }

  @Test
  void theNodesDefaultPidsLimitBoundsAForkBombWhoseSpecSetsNone() {
    ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir)
        .withWarnings((id, message) -> warnings.add(message)).withDefaultPidsLimit(50));
    runtimes.add(runtime);
    org.assertj.core.api.Assumptions.assumeThat(runtime.limitsEnforced()).as("cgroups are writable here").isTrue();
    String id = runtime.create(spec("default-bomb", ai.hanzo.node.runtime.ContainerRuntimeContractIT.FORK_BOMB,
        Map.of("PATH", "/usr/bin:/bin"), List.of(), ResourceLimits.NONE));
    runtime.start(id);
    await().atMost(WAIT).until(() -> Files.exists(dataDir.resolve("runtime/containers").resolve(id)
        .resolve("container.log")) && Files.readString(dataDir.resolve("runtime/containers").resolve(id)
        .resolve("container.log")).contains("forked"));
    long pids = runtime.stats(id).pids();
    System.out.println("fork bomb under the node's default pids limit 50: " + pids + " processes");
    assertThat(pids).isBetween(40L, 50L);
  }
}
