package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.logs.ContainerLogs;
import ai.hanzo.node.runtime.logs.FileLogSubscription;
import ai.hanzo.node.runtime.logs.LogPumps;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The lifecycle shared by runtimes whose containers are host processes watched by a {@link ShimLauncher shim}:
 * the state directory, start through the shim, status from the recorded pids and exit code, stop with grace,
 * logs and re-adoption. Subclasses say what to launch, how to signal, and how to measure and exec.
 */
public abstract class ShimContainerRuntime implements ContainerRuntime {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SHIM_EXIT_TIMEOUT = Duration.ofSeconds(5);

  protected final HostRuntimeConfig config;
  protected final ContainerDirectories dirs;
  protected final ProcStat proc = new ProcStat();
  private final ShimProcesses shims = new ShimProcesses(proc);
  private final ContainerIds ids = new ContainerIds();
  private final Map<String, ContainerLogs> attachedLogs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService logReaders;
  private final java.util.Set<LogSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final LogPumps logPumps;

  protected ShimContainerRuntime(HostRuntimeConfig config) {
    this.config = config;
    this.dirs = new ContainerDirectories(config.root(), config.logRotation());
    this.logPumps = new LogPumps(name());
    this.logReaders = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, name() + "-log-reader");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Checks what only this runtime knows (image, argv); throws INVALID_SPEC or NOT_FOUND. */
  protected abstract void validate(ContainerSpec spec);

  /** Prepares the container's files after its directory exists; returns the cgroup dirs it created. */
  protected abstract List<String> prepare(String id, ContainerSpec spec);

  /** The command the shim runs, its environment, and the directory it starts in. */
  protected abstract ShimCommand shimCommand(ContainerRecord record);

  /**
   * Waits until the container whose shim runs (while {@code shimAlive} says so) has its main pid, and returns it (0
   * if it already ended). Called after a launch and also for a shim that a node which died launched.
   */
  protected abstract long awaitMainPid(ContainerRecord record, BooleanSupplier shimAlive);

  /** Sends a signal to the whole container. */
  protected abstract void signal(ContainerRecord record, int signal);

  /** Releases what {@link #prepare} made beyond the container's directory. */
  protected abstract void cleanup(ContainerRecord record);

  /** The runtime's few shared threads that copy container and exec output (no thread per container or exec). */
  protected final ScheduledExecutorService pumps() {
    return logPumps.scheduler();
  }

  /** What the shim executes. */
  public record ShimCommand(List<String> argv, Map<String, String> env, java.nio.file.Path workDir) {}

  @Override
  public final synchronized String create(ContainerSpec requested) {
    ContainerSpec spec = requested.withLimits(requested.limits().withDefaultPids(config.defaultPidsLimit()));
    if (!ContainerIds.isValidName(spec.name())) {
      throw ContainerRuntimeException.invalidSpec("container name '" + spec.name() + "' must be 1-128 letters, "
          + "digits, '_', '.' or '-', starting with a letter or digit");
    }
    VolumePaths.check(spec, config.dataDir());
    validate(spec);
    dirs.byName(spec.name()).ifPresent(existing -> {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "a container named '" + spec.name()
          + "' already exists (" + existing.id() + ")");
    });
    String id = ids.next();
    dirs.create(id);
    try {
      List<String> cgroups = prepare(id, spec);
      dirs.write(ContainerRecord.created(id, spec, config.clock().instant(), cgroups));
      return id;
    } catch (RuntimeException e) {
      ContainerDirectories.deleteTree(dirs.dir(id));
      throw e;
    }
  }

  /**
   * Starts the container unless a shim of it already runs: also one that a node killed mid-start launched without
   * recording it (found by its pid file, or by a scan of /proc while the start marker says a launch may be under
   * way). So a replica is started only once its previous shim is known dead.
   */
  @Override
  public final synchronized void start(String idOrName) {
    ContainerRecord record = adoptInterruptedStart(load(idOrName));
    String id = record.id();
    if (inspect(record).running()) {
      return;
    }
    dirs.clearRunFiles(id);
    dirs.markStarting(id);
    ContainerLogs logs = attachLogs(record);
    ShimCommand command = shimCommand(record);
    ShimLauncher.Shim shim;
    try {
      shim = ShimLauncher.launch(dirs.dir(id), command.argv(), command.env(), command.workDir(), proc,
          START_TIMEOUT);
    } catch (RuntimeException e) {
      detachLogs(id);
      throw e;
    }
    try {
      long pid = awaitMainPid(record, shim::isAlive);
      long pidStart = proc.startTime(pid).orElse(0);
      dirs.write(record.started(config.clock().instant(), shim.pid(), shim.startTime(), pid, pidStart));
      dirs.clearStarting(id);
      logs.endWhen(() -> !shim.isAlive());
    } catch (RuntimeException e) {
      shim.kill();
      detachLogs(id);
      throw e;
    }
  }

  /**
   * The record, made to name the shim a killed node launched but did not record (if one runs). Scans /proc only
   * when the start marker says a launch was under way and the shim has not written its pid file yet.
   */
  private ContainerRecord adoptInterruptedStart(ContainerRecord record) {
    String id = record.id();
    if (!dirs.isStarting(id)) {
      return record;
    }
    Optional<ShimProcesses.Found> shim = shims.awaitPidFile(dirs.dir(id), START_TIMEOUT);
    if (shim.isEmpty()) {
      dirs.clearStarting(id);
      return record;
    }
    return recordShim(record, shim.get());
  }

  /** A record naming {@code shim} (written if it did not), with the main pid of what the shim runs. */
  private synchronized ContainerRecord recordShim(ContainerRecord stale, ShimProcesses.Found shim) {
    ContainerRecord record = dirs.read(stale.id()).orElse(stale);
    if (record.startedAt() != null && record.shimPid() == shim.pid()
        && record.shimStartTime() == shim.startTime()) {
      return record;
    }
    long pid = awaitMainPid(record, () -> proc.alive(shim.pid(), shim.startTime()));
    ContainerRecord started = record.started(config.clock().instant(), shim.pid(), shim.startTime(), pid,
        proc.startTime(pid).orElse(0));
    dirs.write(started);
    dirs.clearStarting(record.id());
    return started;
  }

  @Override
  public final void stop(String idOrName, Duration grace) {
    ContainerRecord record = load(idOrName);
    String id = record.id();
    StopSequence.stop(id, grace, () -> inspect(id).running(), name -> signal(record, Signals.number(name)));
  }

  @Override
  public final void kill(String id, String signal) {
    int number = Signals.number(signal);
    ContainerRecord record = load(id);
    if (!inspect(record).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
    }
    signal(record, number);
  }

  @Override
  public final synchronized void remove(String idOrName) {
    ContainerRecord record = adoptInterruptedStart(load(idOrName));
    String id = record.id();
    if (inspect(record).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id
          + " is running; stop it before removing it");
    }
    detachLogs(id);
    cleanup(record);
    // The shim writes the exit code, then flushes and closes its files: deleting the directory before it is gone
    // can meet a file it creates meanwhile (DirectoryNotEmptyException).
    if (!StopSequence.awaitEnd(() -> proc.alive(record.shimPid(), record.shimStartTime()), SHIM_EXIT_TIMEOUT)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, "the shim of container " + id
          + " is still running " + SHIM_EXIT_TIMEOUT.toSeconds() + " s after its process ended; try again");
    }
    dirs.delete(record);
  }

  @Override
  public final ContainerState inspect(String id) {
    return inspect(load(id));
  }

  @Override
  public final List<ContainerState> list(Map<String, String> labelFilter) {
    List<ContainerState> states = new ArrayList<>();
    for (String id : dirs.ids()) {
      dirs.read(id).map(this::inspect)
          .filter(state -> state.labels().entrySet().containsAll(labelFilter.entrySet()))
          .ifPresent(states::add);
    }
    return states;
  }

  @Override
  public final LogSubscription logs(String idOrName, LogQuery query, LogConsumer consumer) {
    ContainerRecord record = load(idOrName);
    String id = record.id();
    ContainerLogs attached = attachedLogs.get(id);
    if (!inspect(record).running() && attached != null) {
      // The container has ended, so its whole output is in the pipes: read it into the files before they are read.
      attached.drainNow();
    }
    LogSubscription subscription = FileLogSubscription.start(dirs.logFiles(record), query, consumer,
        () -> outputEnded(id), logReaders, Duration.ofMillis(50));
    subscriptions.add(subscription);
    subscription.done().whenComplete((ok, failure) -> subscriptions.remove(subscription));
    return subscription;
  }

  @Override
  public void close() {
    List.copyOf(subscriptions).forEach(LogSubscription::close);
    attachedLogs.keySet().forEach(this::detachLogs);
    logPumps.close();
    logReaders.shutdownNow();
  }

  protected final ContainerRecord load(String idOrName) {
    Optional<ContainerRecord> record = idOrName != null && !ContainerIds.isId(idOrName) ? dirs.byName(idOrName)
        : dirs.read(idOrName);
    return current(record.orElseThrow(() -> ContainerRuntimeException.notFound(idOrName)));
  }

  /**
   * The record, updated when its recorded shim is gone but the container's pid file names a live one: a node killed
   * after the shim started and before it was recorded. Costs one file read for containers that are not running.
   */
  private ContainerRecord current(ContainerRecord record) {
    if (record.startedAt() != null && proc.alive(record.shimPid(), record.shimStartTime())) {
      return record;
    }
    if (dirs.exitCode(record.id()).isPresent()) {
      return record;
    }
    return shims.fromPidFile(dirs.dir(record.id())).map(shim -> recordShim(record, shim)).orElse(record);
  }

  /** Whether the shim or the main process of a started container is alive. */
  protected final boolean alive(ContainerRecord record) {
    return record.startedAt() != null && (proc.alive(record.shimPid(), record.shimStartTime())
        || proc.alive(record.pid(), record.pidStartTime()));
  }

  private ContainerState inspect(ContainerRecord known) {
    ContainerRecord record = current(known);
    String id = record.id();
    OptionalInt exitCode = dirs.exitCode(id);
    ContainerStatus status;
    if (record.startedAt() == null) {
      status = ContainerStatus.CREATED;
    } else if (exitCode.isPresent()) {
      status = ContainerStatus.EXITED;
    } else if (alive(record)) {
      status = ContainerStatus.RUNNING;
      adopt(record);
    } else {
      exitCode = dirs.exitCode(id);
      status = exitCode.isPresent() ? ContainerStatus.EXITED : ContainerStatus.DEAD;
    }
    boolean running = status == ContainerStatus.RUNNING;
    return new ContainerState(id, record.spec().name(), record.spec().image(), status, running ? record.pid() : 0,
        exitCode, ContainerRecord.instant(record.createdAt()), ContainerRecord.instant(record.startedAt()),
        status == ContainerStatus.EXITED ? dirs.exitTime(id) : null, record.spec().labels());
  }

  /** A running container found without a log pump (the node restarted): start draining its pipes again. */
  private void adopt(ContainerRecord record) {
    if (attachedLogs.containsKey(record.id())) {
      return;
    }
    synchronized (this) {
      if (!attachedLogs.containsKey(record.id())) {
        attachLogs(record).endWhen(() -> !proc.alive(record.shimPid(), record.shimStartTime()));
      }
    }
  }

  private boolean outputEnded(String id) {
    ContainerLogs logs = attachedLogs.get(id);
    return !inspect(id).running() && (logs == null || logs.drained());
  }

  private ContainerLogs attachLogs(ContainerRecord record) {
    detachLogs(record.id());
    try {
      ContainerLogs logs = ContainerLogs.attach(dirs.stdoutFifo(record.id()), dirs.stderrFifo(record.id()),
          dirs.logFiles(record), config.clock(), logPumps);
      attachedLogs.put(record.id(), logs);
      return logs;
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot open the output pipes of container "
          + record.id() + ": " + e.getMessage(), e);
    }
  }

  private void detachLogs(String id) {
    ContainerLogs logs = attachedLogs.remove(id);
    if (logs != null) {
      logs.close();
    }
  }
}
