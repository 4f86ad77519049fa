package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.Availability;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.VolumeMount;
import ai.hanzo.node.runtime.host.ContainerRecord;
import ai.hanzo.node.runtime.host.HostCommand;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.host.ProcessExecSession;
import ai.hanzo.node.runtime.host.ShimContainerRuntime;
import ai.hanzo.node.runtime.image.ImageDefaults;
import ai.hanzo.node.runtime.image.ImageUser;
import ai.hanzo.node.runtime.image.LocalImageStore;
import ai.hanzo.node.runtime.image.StoredImage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs containers with runc. Each container gets an OCI bundle (its rootfs, an overlay mount over the image's or a
 * copy of it, see {@link ContainerRootfs}, plus a generated {@code config.json}) in its directory, and runc keeps
 * its state under {@code <root>/runc-state}. The shim runs {@code runc run} in the foreground (not {@code -d}) so
 * that it can record the container's exit status; the container inherits the shim's stdout/stderr, which are the
 * container's named pipes.
 */
public final class RuncRuntime extends ShimContainerRuntime {
  private static final Duration RUNC_TIMEOUT = Duration.ofSeconds(30);

  private final Optional<RuncBinary> runc;
  private final LocalImageStore images;
  private final Path stateDir;
  private final OciConfig ociConfig;
  private final RuncStats parser = new RuncStats();
  private final String searched;
  private final ContainerRootfs rootfs;

  /** {@code runcPath}: a specific runc, or empty to look in the usual places; rootfs by overlay where allowed. */
  public RuncRuntime(HostRuntimeConfig config, LocalImageStore images, Optional<Path> runcPath) {
    this(config, images, runcPath, RootfsMode.AUTO);
  }

  public RuncRuntime(HostRuntimeConfig config, LocalImageStore images, Optional<Path> runcPath, RootfsMode mode) {
    super(config);
    this.images = images;
    this.runc = RuncBinary.find(runcPath);
    this.searched = RuncBinary.searched(runcPath);
    this.stateDir = config.root().resolve("runc-state");
    this.ociConfig = new OciConfig(Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes")));
    this.rootfs = ContainerRootfs.choose(runc.isPresent() ? mode : RootfsMode.COPY, config.root());
  }

  @Override
  public String name() {
    return "runc";
  }

  /** The image store containers are created from, for the API's image calls. */
  public LocalImageStore images() {
    return images;
  }

  @Override
  public Availability available() {
    return runc.map(binary -> Availability.yes("runc " + binary.version() + " at " + binary.path() + ", "
            + rootfs.describe()))
        .orElseGet(() -> Availability.no("runc is not installed (looked at " + searched + ")"));
  }

  private RuncBinary binary() {
    return runc.orElseThrow(() -> new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE,
        available().reason()));
  }

  @Override
  protected void validate(ContainerSpec spec) {
    binary();
    // pulls on first use; create runs on the orchestrator's worker, never on an event loop
    StoredImage image = images.ensure(spec.image());
    ContainerSpec effective = ImageDefaults.apply(spec, image.config());
    if (effective.argv().isEmpty()) {
      throw ContainerRuntimeException.invalidSpec("neither the spec nor image '" + spec.image() + "' says what "
          + "to run (no entrypoint, command, Entrypoint or Cmd)");
    }
    if (!effective.workingDir().isEmpty() && !effective.workingDir().startsWith("/")) {
      throw ContainerRuntimeException.invalidSpec("working dir '" + effective.workingDir() + "' must be absolute");
    }
  }

  @Override
  protected List<String> prepare(String id, ContainerSpec spec) {
    Path bundle = dirs.dir(id).resolve("bundle");
    StoredImage image = images.ensure(spec.image());
    try {
      images.retain(image, id);
      rootfs.prepare(dirs.dir(id), image.rootfs());
      Map<String, Path> sources = new HashMap<>();
      for (VolumeMount volume : spec.volumes()) {
        Path source = config.dataDir().resolve(volume.hostPath()).toAbsolutePath().normalize();
        Files.createDirectories(source);
        sources.put(volume.containerPath(), source);
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(bundle.resolve("config.json").toFile(),
          ociConfig.build(id, ImageDefaults.apply(spec, image.config()), sources,
              ImageUser.resolve(image.config().user(), image.rootfs())));
      return List.of();
    } catch (IOException | RuntimeException e) {
      rootfs.discard(dirs.dir(id));
      images.release(id);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot write the bundle of container " + id + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  protected ShimCommand shimCommand(ContainerRecord record) {
    Path dir = dirs.dir(record.id());
    try {
      rootfs.ensureMounted(dir);
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot mount the rootfs of container "
          + record.id() + ": " + e.getMessage(), e);
    }
    List<String> argv = new ArrayList<>(runcArgs());
    argv.addAll(List.of("--log", dir.resolve("runc.log").toString(), "run", "--bundle",
        dir.resolve("bundle").toString(), record.id()));
    return new ShimCommand(argv, HostCommand.TOOL_ENV, dir);
  }

  @Override
  protected long awaitMainPid(ContainerRecord record, BooleanSupplier shimAlive) {
    long deadline = System.nanoTime() + RUNC_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!shimAlive.getAsBoolean()) {
        failIfRuncFailed(record);
        return 0;
      }
      HostCommand.Result result = HostCommand.run(runc("state", record.id()), RUNC_TIMEOUT);
      if (result.ok()) {
        RuncStats.State state = parser.parseState(result.stdout());
        // Not "created": runc has forked the init but not yet exec'd the command, and a signal sent then makes
        // `runc run` fail with exit code 1 instead of reporting the signal.
        if (state.status().equals("running") && state.pid() > 0) {
          return state.pid();
        }
        if (state.status().equals("stopped")) {
          return 0;
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "runc did not start container " + record.id()
        + " within " + RUNC_TIMEOUT);
  }

  private void failIfRuncFailed(ContainerRecord record) {
    Path log = dirs.dir(record.id()).resolve("runc.log");
    try {
      if (Files.exists(log)) {
        String errors = Files.readAllLines(log).stream().filter(line -> line.contains("error"))
            .reduce((first, second) -> second).orElse("");
        if (!errors.isEmpty()) {
          throw new ContainerRuntimeException(RuntimeErrorCode.IO, "runc could not run container "
              + record.id() + ": " + errors);
        }
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot read " + log, e);
    }
  }

  @Override
  protected void signal(ContainerRecord record, int signal) {
    HostCommand.Result result = HostCommand.run(runc("kill", record.id(), Integer.toString(signal)), RUNC_TIMEOUT);
    if (!result.ok() && alive(record)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "runc kill " + record.id() + " failed: "
          + result.message());
    }
  }

  @Override
  protected void cleanup(ContainerRecord record) {
    if (runc.isPresent()) {
      HostCommand.run(runc("delete", "--force", record.id()), RUNC_TIMEOUT);
    }
    rootfs.release(dirs.dir(record.id()));
    images.release(record.id());
  }

  @Override
  public ContainerStats stats(String id) {
    ContainerRecord record = load(id);
    if (!inspect(record.id()).running()) {
      return new ContainerStats(record.id(), 0, 0, 0);
    }
    return parser.parse(record.id(), HostCommand.check(runc("events", "--stats", record.id()), RUNC_TIMEOUT)
        .stdout());
  }

  @Override
  public ExecSession exec(String id, ExecSpec spec, ExecOutput output) {
    ContainerRecord record = load(id);
    if (!inspect(record.id()).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
    }
    List<String> argv = new ArrayList<>(runcArgs());
    argv.add("exec");
    Path processFile = null;
    if (spec.tty()) {
      // runc makes the container's terminal itself and relays it to its own, which PseudoTerminal provides. With
      // --tty alone, runc sizes the container's terminal only after the command started, so a quick command (stty
      // size) can see 0x0 (busybox then fails with a stale errno: "No child processes"); a process spec's
      // consoleSize is applied by runc init before the command runs.
      processFile = ttyProcessFile(record, spec);
      argv.addAll(List.of("--process", processFile.toString(), record.id()));
    } else {
      spec.env().forEach((key, value) -> argv.addAll(List.of("--env", key + "=" + value)));
      argv.add(record.id());
      argv.addAll(spec.cmd());
    }
    ExecSession session = ProcessExecSession.start(argv, HostCommand.TOOL_ENV, null, spec, output,
        pumps());
    if (processFile != null) {
      Path written = processFile;
      session.exitCode().whenComplete((code, failure) -> deleteQuietly(written));
    }
    return session;
  }

  /**
   * The container's process spec with the exec's command, env and a terminal of the size asked for, which the outer
   * PseudoTerminal has too; a later resize of that one reaches runc as SIGWINCH and runc copies it inward.
   */
  private Path ttyProcessFile(ContainerRecord record, ExecSpec spec) {
    ObjectMapper json = new ObjectMapper();
    Path dir = dirs.dir(record.id());
    try {
      ObjectNode process = (ObjectNode) json.readTree(dir.resolve("bundle").resolve("config.json").toFile())
          .get("process").deepCopy();
      process.put("terminal", true);
      process.putObject("consoleSize").put("height", spec.size().rows()).put("width", spec.size().cols());
      ArrayNode args = process.putArray("args");
      spec.cmd().forEach(args::add);
      ArrayNode env = process.withArray("env");
      spec.env().forEach((key, value) -> env.add(key + "=" + value));
      Path file = Files.createTempFile(dir, "exec-", ".json");
      json.writeValue(file.toFile(), process);
      return file;
    } catch (IOException | RuntimeException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot write the exec process of container "
          + record.id() + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the container's directory goes with the container
    }
  }

  private List<String> runcArgs() {
    return List.of(binary().path().toString(), "--root", stateDir.toString());
  }

  private List<String> runc(String... args) {
    List<String> argv = new ArrayList<>(runcArgs());
    argv.addAll(List.of(args));
    return argv;
  }
}
