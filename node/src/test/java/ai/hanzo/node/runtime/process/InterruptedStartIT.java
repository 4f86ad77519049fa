package ai.hanzo.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node SIGKILLed while it starts a container, at a random (seeded, printed) moment, and a new node over the same
 * root: the container must never run twice, and what the new node reports must match the host's processes. The
 * processes are counted from /proc by their command lines, independently of the runtime's own bookkeeping.
 */
class InterruptedStartIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROUNDS = 8;

  @TempDir
  Path dataDir;

  private final List<ProcessRuntime> runtimes = new ArrayList<>();
  private long seed;

  private ProcessRuntime newRuntime() {
    ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(root(), dataDir));
    runtimes.add(runtime);
    return runtime;
  }

  private Path root() {
    return dataDir.resolve("runtime");
  }

  @AfterEach
  void removeEverything() {
    try {
      TestContainers.removeAll(newRuntime());
    } finally {
      runtimes.forEach(ProcessRuntime::close);
      // a copy the runtime does not know of (the defect this test looks for) is killed here
      killAll(cmdline -> cmdline.contains(dataDir.toString()) || cmdline.contains("-" + seed + "\0")
          || cmdline.endsWith("-" + seed));
    }
  }

  private static void killAll(java.util.function.Predicate<String> cmdlineMatches) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> cmdlineMatches.test(cmdline(p)))
          .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
              .ifPresent(ProcessHandle::destroyForcibly));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cmdline(Path procEntry) {
    try {
      return new String(Files.readAllBytes(procEntry.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void aStartInterruptedByKill9NeverLeavesTwoCopiesRunning() throws Exception {
    seed = Long.getLong("interrupted.seed", System.nanoTime());
    System.out.println("InterruptedStartIT seed " + seed + " (-Dinterrupted.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      String token = "replica-" + round + "-" + seed;
      ProcessRuntime creator = newRuntime();
      String id = creator.create(ContainerSpec.of("replica-" + round, "", List.of("/bin/sh", "-c",
          "sleep 600; : " + token)));
      Path containerDir = root().resolve("containers").resolve(id);

      int delayMillis = random.nextInt(60);
      Process child = childJvm(id, round);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).as("the child's first line").isEqualTo("go");
        // a chaos delay, not synchronisation: where in the start the node dies
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      // setsid -f forks: for a moment its parent and its child (before it becomes the shell) both carry the shim's
      // command line. Wait for any launch the kill interrupted to settle, so what is counted are shells.
      await().atMost(WAIT).until(() -> settingUpShims(containerDir) == 0);
      ProcessRuntime restarted = newRuntime();
      boolean reportedRunning = restarted.inspect(id).running();
      System.out.println("round " + round + ": killed " + delayMillis + " ms into the start; shims "
          + shims(containerDir) + ", reported running " + reportedRunning);
      assertThat(shims(containerDir)).as("shims after the kill").isLessThanOrEqualTo(1);

      restarted.start(id);
      await().atMost(WAIT).until(() -> containerProcesses(token) == 1);
      assertThat(shims(containerDir)).as("shims once the new node started the container").isEqualTo(1);
      assertThat(containerProcesses(token)).as("copies of the container").isEqualTo(1);
      assertThat(restarted.inspect(id).running()).isTrue();

      restarted.stop(id, Duration.ZERO);
      restarted.remove(id);
      assertThat(shims(containerDir)).as("shims after remove").isZero();
      await().atMost(WAIT).until(() -> containerProcesses(token) == 0);
    }
  }

  private Process childJvm(String id, int round) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), InterruptedStartChild.class.getName(), root().toString(),
        dataDir.toString(), id);
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolve("child-" + round + ".err").toFile()))
        .start();
  }

  /** Live shims of the container: processes whose command line is the shim's with the container's directory. */
  private static long shims(Path containerDir) {
    return processes(cmdline -> cmdline.contains("\0hanzo-shim\0" + containerDir + "\0"));
  }

  /** Shim command lines still carried by {@code setsid} (its parent, or its child before exec). */
  private static long settingUpShims(Path containerDir) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> cmdline(p).contains("\0hanzo-shim\0" + containerDir + "\0"))
          .filter(p -> comm(p).equals("setsid")).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String comm(Path procEntry) {
    try {
      return Files.readString(procEntry.resolve("comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The container's own process (its init, then its command), by the token in its command line. */
  private static long containerProcesses(String token) {
    return processes(cmdline -> cmdline.contains(token) && !cmdline.contains("\0hanzo-shim\0"));
  }

  private static long processes(java.util.function.Predicate<String> cmdlineMatches) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("[0-9]+")).map(InterruptedStartIT::cmdline)
          .filter(cmdlineMatches).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
