package ai.hanzo.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.RecordingLogConsumer;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.VolumeMount;
import ai.hanzo.node.runtime.host.ContainerRecord;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node restart: the runtime object is thrown away and a new one over the same root finds its containers. */
class ProcessRuntimeReadoptionIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private final List<ProcessRuntime> runtimes = new ArrayList<>();

  private ProcessRuntime newRuntime() {
    ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir));
    runtimes.add(runtime);
    return runtime;
  }

  @AfterEach
  void removeEverything() {
    try {
      TestContainers.removeAll(newRuntime());
    } finally {
      runtimes.forEach(ProcessRuntime::close);
    }
  }

  private static ContainerSpec spec(String script, Path sync) {
    return new ContainerSpec("survivor", "", List.of(), List.of("sh", "-c", script), Map.of(), "",
        Map.of("suite", "readopt"), ResourceLimits.NONE, List.of(new VolumeMount(sync, "/sync", false)),
        NetworkMode.HOST, null);
  }

  @Test
  void aNewRuntimeOverTheSameRootListsAndControlsTheContainer() throws Exception {
    Path sync = dataDir.resolve("volumes/sync");
    ProcessRuntime first = newRuntime();
    String id = first.create(spec("echo before; while [ ! -e sync/go ]; do sleep 0.05; done; echo after; sleep 60",
        sync));
    first.start(id);
    long pid = first.inspect(id).pid();
    RecordingLogConsumer early = new RecordingLogConsumer();
    try (LogSubscription subscription = first.logs(id, new LogQuery(null, 0, true), early)) {
      await().atMost(WAIT).until(() -> early.lines().contains("before"));
    }
    first.close();

    ProcessRuntime second = newRuntime();
    List<ContainerState> found = second.list(Map.of("suite", "readopt"));
    assertThat(found).singleElement().satisfies(state -> {
      assertThat(state.id()).isEqualTo(id);
      assertThat(state.status()).isEqualTo(ContainerStatus.RUNNING);
      assertThat(state.pid()).isEqualTo(pid);
    });

    RecordingLogConsumer later = new RecordingLogConsumer();
    try (LogSubscription subscription = second.logs(id, new LogQuery(null, 0, true), later)) {
      Files.writeString(sync.resolve("go"), "");
      await().atMost(WAIT).until(() -> later.lines().contains("after"));
    }
    assertThat(later.lines()).containsExactly("before", "after");

    second.stop(id, Duration.ofSeconds(10));
    ContainerState stopped = second.inspect(id);
    assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(stopped.exitCode()).hasValue(143);
    assertThat(ProcessHandle.of(pid)).isEmpty();
  }

  @Test
  void aRecycledPidIsNotMistakenForTheContainer() throws IOException {
    ProcessRuntime first = newRuntime();
    String id = first.create(spec("sleep 60", dataDir.resolve("volumes/unused")));
    first.start(id);
    first.close();
    Path stateFile = dataDir.resolve("runtime/containers").resolve(id).resolve("container.json");
    ObjectMapper json = new ObjectMapper();
    ContainerRecord real = json.readValue(stateFile.toFile(), ContainerRecord.class);
    ContainerRecord recycled = new ContainerRecord(real.id(), real.spec(), real.createdAt(), real.startedAt(),
        real.shimPid(), real.shimStartTime() + 1, real.pid(), real.pidStartTime() + 1, real.cgroups());
    json.writeValue(stateFile.toFile(), recycled);
    // the shim's own pid file would name the (real, live) shim: hide it, as if it were from an older run
    Path shimPid = stateFile.resolveSibling("shim.pid");
    Path hidden = stateFile.resolveSibling("shim.pid.hidden");
    Files.move(shimPid, hidden);
    try {
      assertThat(newRuntime().inspect(id).status()).isEqualTo(ContainerStatus.DEAD);
    } finally {
      json.writeValue(stateFile.toFile(), real);
      Files.move(hidden, shimPid);
    }
    assertThat(newRuntime().inspect(id).status()).isEqualTo(ContainerStatus.RUNNING);
  }
}
