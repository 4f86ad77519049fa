package ai.hanzo.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle every {@link ContainerRuntime} must show: create, start, list by label, stop, kill, remove, and the
 * error codes of each. Only plain commands are used ({@code sleep 60}, {@code exit 7}, {@code true}), so the in-memory
 * runtime of the engine's unit tests passes exactly the tests the real runtimes pass
 * ({@link ContainerRuntimeContractIT} adds what needs a real process: logs, exec, stats, limits, volumes).
 * Every test removes what it created, also when it fails.
 */
public abstract class ContainerLifecycleContract {
  protected static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  protected Path dataDir;

  protected ContainerRuntime runtime;
  protected final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A runtime whose state lives in {@code root} (inside {@code dataDir}). */
  protected abstract ContainerRuntime newRuntime(Path root, Path dataDir, RuntimeWarnings warnings);

  /** The image the specs of this suite use. */
  protected abstract String image();

  @BeforeEach
  void createRuntime() throws IOException {
    runtime = newRuntime(dataDir.resolve("runtime"), dataDir, (id, message) -> warnings.add(message));
    assertThat(runtime.available().available()).as(runtime.available().reason()).isTrue();
  }

  @AfterEach
  void removeEverything() {
    if (runtime == null) {
      return;
    }
    try {
      TestContainers.removeAll(runtime);
    } finally {
      runtime.close();
    }
  }

  protected ContainerSpec spec(String name, String script) {
    return new ContainerSpec(name, image(), List.of(), List.of("sh", "-c", script), Map.of("FOO", "bar"), "",
        Map.of("suite", "contract", "name", name), ResourceLimits.NONE, List.of(), NetworkMode.HOST, null);
  }

  protected String run(ContainerSpec spec) {
    String id = runtime.create(spec);
    runtime.start(id);
    return id;
  }

  protected ContainerState awaitStatus(String id, ContainerStatus status) {
    await().atMost(WAIT).until(() -> runtime.inspect(id).status() == status);
    return runtime.inspect(id);
  }

  @Test
  void createdContainerRunsAndIsInspectable() {
    String id = runtime.create(spec("inspect-me", "sleep 60"));
    ContainerState created = runtime.inspect(id);
    assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(created.createdAt()).isNotNull();

    runtime.start(id);

    ContainerState running = runtime.inspect(id);
    assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(running.pid()).isPositive();
    assertThat(running.name()).isEqualTo("inspect-me");
    assertThat(running.image()).isEqualTo(image());
    assertThat(running.labels()).containsEntry("suite", "contract");
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.exitCode()).isEmpty();
    assertThat(runtime.inspect("inspect-me").id()).isEqualTo(id);

    runtime.kill("inspect-me", "KILL");
    assertThat(awaitStatus(id, ContainerStatus.EXITED).exitCode()).hasValue(137);
  }

  @Test
  void listFiltersByLabel() {
    String first = run(spec("first", "sleep 60").withLabels(Map.of("app", "a", "tier", "web")));
    String second = run(spec("second", "sleep 60").withLabels(Map.of("app", "b", "tier", "web")));

    assertThat(runtime.list(Map.of("app", "a"))).extracting(ContainerState::id).containsExactly(first);
    assertThat(runtime.list(Map.of("tier", "web"))).extracting(ContainerState::id)
        .containsExactlyInAnyOrder(first, second);
    assertThat(runtime.list(Map.of("app", "c"))).isEmpty();
  }

  @Test
  void duplicateNameIsAConflict() {
    runtime.create(spec("twice", "true"));
    assertThatThrownBy(() -> runtime.create(spec("twice", "true")))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.CONFLICT));
  }

  @Test
  void commandThatExitsAtOnceRecordsItsExitCode() {
    String id = run(spec("quick", "exit 7"));
    ContainerState exited = awaitStatus(id, ContainerStatus.EXITED);
    assertThat(exited.exitCode()).hasValue(7);
    assertThat(exited.finishedAt()).isNotNull();
    assertThat(exited.pid()).isZero();
  }

  @Test
  void execInAStoppedContainerIsAConflict() {
    String id = runtime.create(spec("not-started", "sleep 60"));
    assertThatThrownBy(() -> runtime.exec(id, ExecSpec.of("true"), new RecordingExecOutput()))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.CONFLICT));
  }

  @Test
  void stopWithoutGraceKillsAtOnceAndReturnsOnceItEnded() {
    String id = run(spec("doomed", "sleep 60"));
    runtime.stop(id, Duration.ZERO);
    ContainerState stopped = runtime.inspect(id);
    assertThat(stopped.status()).as("ended when stop returns").isEqualTo(ContainerStatus.EXITED);
    assertThat(stopped.exitCode()).as("SIGKILL, not SIGTERM").hasValue(137);
  }

  @Test
  void killSendsTheSignal() {
    String id = run(spec("victim", "sleep 60"));
    runtime.kill(id, "SIGKILL");
    assertThat(awaitStatus(id, ContainerStatus.EXITED).exitCode()).hasValue(137);
    assertThatThrownBy(() -> runtime.kill(id, "NOPE"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC));
  }

  @Test
  void removeRefusesARunningContainerAndDeletesAStoppedOne() {
    String id = run(spec("removable", "sleep 60"));
    assertThatThrownBy(() -> runtime.remove(id))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.CONFLICT));

    runtime.kill(id, "KILL");
    awaitStatus(id, ContainerStatus.EXITED);
    runtime.remove(id);

    assertThatThrownBy(() -> runtime.inspect(id))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
    assertThat(runtime.list(Map.of())).isEmpty();
  }

  @Test
  void volumeOutsideTheDataDirIsInvalid() {
    ContainerSpec escaping = spec("escape", "true").withVolumes(List.of(
        new VolumeMount(dataDir.resolve("../outside"), "/data", false)));
    assertThatThrownBy(() -> runtime.create(escaping))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC));
    assertThat(runtime.list(Map.of())).isEmpty();
  }

  @Test
  void unknownImageIsNotFound() {
    ContainerSpec spec = new ContainerSpec("ghost", "no-such-image:1", List.of(), List.of("true"), Map.of(), "",
        Map.of(), ResourceLimits.NONE, List.of(), NetworkMode.HOST, null);
    assertThatThrownBy(() -> runtime.create(spec))
        .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("no-such-image:1");
        });
  }

  @Test
  void unknownContainerIsNotFound() {
    assertThatThrownBy(() -> runtime.inspect("0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> runtime.start("../../etc"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
  }
}
