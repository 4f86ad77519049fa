package ai.hanzo.node.runtime.process;

import ai.hanzo.node.runtime.Availability;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerRecord;
import ai.hanzo.node.runtime.host.HostCommand;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.host.ProcessExecSession;
import ai.hanzo.node.runtime.host.ShimContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a container as plain host processes: the argv runs in its own session and process group (stop signals the
 * whole group), in a working directory of its own under the runtime's root, with exactly the spec's environment,
 * and inside per-container cgroups when the host lets us create them (otherwise a warning says the limits are not
 * enforced). Volumes appear as symlinks in the working directory. Exec runs a host process in the container's
 * working directory and environment; it is not namespaced, and neither is the container.
 */
public final class ProcessRuntime extends ShimContainerRuntime {
  /**
   * Enters the cgroups given before "--", writes its pid to the file named first (for whichever node looks), then
   * becomes the container's command.
   */
  private static final String INIT = String.join("\n",
      "p=$1; shift",
      "while [ \"$1\" != \"--\" ]; do echo $$ > \"$1/cgroup.procs\" || exit 125; shift; done; shift",
      "echo $$ > \"$p.tmp\" && /bin/mv -f \"$p.tmp\" \"$p\"",
      "exec \"$@\"");

  private final Cgroups cgroups;
  private final SessionUsage sessionUsage = new SessionUsage(Path.of("/proc"));

  public ProcessRuntime(HostRuntimeConfig config) {
    this(config, Path.of("/sys/fs/cgroup"));
  }

  ProcessRuntime(HostRuntimeConfig config, Path cgroupMount) {
    super(config);
    this.cgroups = new Cgroups(cgroupMount, Path.of("/proc/self/cgroup"));
  }

  @Override
  public boolean runsHostProcesses() {
    return true;
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public Availability available() {
    if (!Files.isExecutable(Path.of("/usr/bin/setsid")) || !Files.isExecutable(Path.of("/bin/sh"))) {
      return Availability.no("the process runtime needs /bin/sh and /usr/bin/setsid");
    }
    return Availability.yes("host processes; cgroups " + cgroups.version());
  }

  /** Whether per-container cgroups (and so limits) work on this host. */
  public boolean limitsEnforced() {
    return cgroups.version() != CgroupVersion.NONE && Files.isWritable(Path.of("/sys/fs/cgroup").resolve(
        cgroups.version() == CgroupVersion.V1 ? "memory" : "."));
  }

  @Override
  protected void validate(ContainerSpec spec) {
    if (!spec.image().isEmpty() && !spec.image().equals("process")) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "image '" + spec.image()
          + "' is not available: the process runtime runs host commands and takes image '' or 'process'");
    }
    if (spec.argv().isEmpty()) {
      throw ContainerRuntimeException.invalidSpec("the process runtime needs an entrypoint or a command");
    }
    workDir(config.root().resolve("containers").resolve("x"), spec);
  }

  @Override
  protected List<String> prepare(String id, ContainerSpec spec) {
    Path work = dirs.dir(id).resolve("work");
    try {
      Files.createDirectories(workDir(dirs.dir(id), spec));
      for (var volume : spec.volumes()) {
        Path link = work.resolve(volume.containerPath().substring(1));
        Files.createDirectories(link.getParent());
        Path target = config.dataDir().resolve(volume.hostPath()).toAbsolutePath().normalize();
        Files.createDirectories(target);
        Files.createSymbolicLink(link, target);
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot prepare the working directory of container "
          + id + ": " + e.getMessage(), e);
    }
    try {
      return cgroups.create(id, spec.limits()).stream().map(Path::toString).toList();
    } catch (IOException | RuntimeException e) {
      if (spec.limits().any()) {
        config.warnings().warn(id, "resource limits are not enforced for container " + spec.name()
            + ": cannot create its cgroups (" + e.getMessage() + ")");
      }
      return List.of();
    }
  }

  @Override
  protected ShimCommand shimCommand(ContainerRecord record) {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "/bin/sh", "-c", INIT, "hanzo-init",
        dirs.mainPidFile(record.id()).toString()));
    argv.addAll(record.cgroups());
    argv.add("--");
    if (!record.spec().env().containsKey("PWD")) {
      // sh exports PWD into the environment; drop it so the command sees exactly the spec's environment
      argv.addAll(List.of("/usr/bin/env", "-u", "PWD"));
    }
    argv.addAll(record.spec().argv());
    return new ShimCommand(argv, withGpus(record.spec()), workDir(dirs.dir(record.id()), record.spec()));
  }

  /** A process sees every GPU of the host: CUDA_VISIBLE_DEVICES keeps CUDA to the ones it was given. */
  static Map<String, String> withGpus(ContainerSpec spec) {
    if (spec.limits().gpus().isEmpty() || spec.env().containsKey("CUDA_VISIBLE_DEVICES")) {
      return spec.env();
    }
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("CUDA_VISIBLE_DEVICES", String.join(",", spec.limits().gpus()));
    return env;
  }

  @Override
  protected long awaitMainPid(ContainerRecord record, BooleanSupplier shimAlive) {
    Path file = dirs.mainPidFile(record.id());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        return Long.parseLong(Files.readString(file).strip());
      } catch (IOException | NumberFormatException e) {
        // not written yet
      }
      if (!shimAlive.getAsBoolean() || dirs.exitCode(record.id()).isPresent()) {
        return 0;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "container " + record.id()
        + " did not report its main pid within 30 s");
  }

  @Override
  protected void signal(ContainerRecord record, int signal) {
    if (!proc.alive(record.pid(), record.pidStartTime())) {
      return;
    }
    HostCommand.Result result = HostCommand.run(List.of("kill", "-s", Integer.toString(signal), "--",
        "-" + record.pid()), Duration.ofSeconds(10));
    if (!result.ok() && proc.alive(record.pid(), record.pidStartTime())) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot signal container " + record.id() + ": "
          + result.message());
    }
  }

  /**
   * Kills what the container left behind (background children outlive the main process) so that its cgroups can
   * go: the members of its cgroups, or without cgroups the rest of its session.
   */
  @Override
  protected void cleanup(ContainerRecord record) {
    List<Path> dirs = record.cgroups().stream().map(Path::of).toList();
    if (!dirs.isEmpty()) {
      for (long member : cgroups.members(dirs)) {
        HostCommand.run(List.of("kill", "-s", "KILL", Long.toString(member)), Duration.ofSeconds(10));
      }
      awaitNoMembers(dirs);
      List<String> failures = cgroups.remove(dirs);
      if (!failures.isEmpty()) {
        config.warnings().warn(record.id(), "cgroups of container " + record.id() + " left behind: " + failures);
      }
    } else if (record.pid() > 0 && leftoversInSession(record.pid())) {
      HostCommand.run(List.of("kill", "-s", "KILL", "--", "-" + record.pid()), Duration.ofSeconds(10));
    }
  }

  private void awaitNoMembers(List<Path> dirs) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!cgroups.members(dirs).isEmpty() && System.nanoTime() - deadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private boolean leftoversInSession(long sessionId) {
    try {
      return sessionUsage.measure(sessionId).pids() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public ContainerStats stats(String id) {
    ContainerRecord record = load(id);
    ContainerState state = inspect(record.id());
    try {
      CgroupUsage usage;
      if (!record.cgroups().isEmpty()) {
        usage = cgroups.usage(record.cgroups().stream().map(Path::of).toList());
      } else if (state.running()) {
        usage = sessionUsage.measure(state.pid());
      } else {
        usage = new CgroupUsage(0, 0, 0);
      }
      return new ContainerStats(record.id(), usage.cpuNanos(), usage.memoryBytes(), usage.pids());
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot read the usage of container " + id + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public ExecSession exec(String id, ExecSpec spec, ExecOutput output) {
    ContainerRecord record = load(id);
    if (!inspect(record.id()).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
    }
    Map<String, String> env = new HashMap<>(record.spec().env());
    env.putAll(spec.env());
    return ProcessExecSession.start(spec.cmd(), env, workDir(dirs.dir(record.id()), record.spec()), spec, output,
        pumps());
  }

  /** The container's working directory: {@code work/} plus the spec's working dir, which may not climb out. */
  private static Path workDir(Path containerDir, ContainerSpec spec) {
    Path work = containerDir.resolve("work");
    String relative = spec.workingDir().startsWith("/") ? spec.workingDir().substring(1) : spec.workingDir();
    Path dir = work.resolve(relative).normalize();
    if (!dir.startsWith(work)) {
      throw ContainerRuntimeException.invalidSpec("working dir '" + spec.workingDir()
          + "' leaves the container's directory");
    }
    return dir;
  }
}
