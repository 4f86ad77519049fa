package ai.hanzo.node.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A {@link ContainerRuntime} with no processes, for fast deterministic tests of the engine: containers are records in
 * a map. The command of a container decides what it does once started: {@code exit N} (also as {@code sh -c "exit
 * N"}) and {@code true} end at once with that code, anything else runs until stopped, killed or {@link #exit}ed by
 * the test; a script starting with {@code trap '' TERM} ignores SIGTERM, so a stop with a grace waits until the
 * test moves the clock past it ({@link #clockMoved()}) and then kills it, as a real runtime does at the end of the
 * grace. Tests can also make creates fail or block, and listings block, to show the engine survives a runtime that
 * misbehaves, answer execs (health checks) and watch how many containers run at once. It passes
 * {@link ContainerLifecycleContract} like the real runtimes.
 */
public final class InMemoryRuntime implements ContainerRuntime {
  private static final Optional<Integer> RUNS = Optional.empty();

  private final Path dataDir;
  private final Clock clock;
  private final Map<String, Entry> containers = new ConcurrentHashMap<>();
  private final AtomicLong pids = new AtomicLong(1000);
  private final AtomicInteger creates = new AtomicInteger();
  private volatile Predicate<ContainerSpec> failCreate = spec -> false;
  private volatile java.util.function.Function<ContainerSpec, RuntimeException> failure = spec ->
      new ContainerRuntimeException(RuntimeErrorCode.IO, "the test runtime refuses to create " + spec.name());
  private volatile Predicate<ContainerSpec> blockCreate = spec -> false;
  private volatile CountDownLatch createGate = new CountDownLatch(0);
  private volatile CountDownLatch listGate = new CountDownLatch(0);
  private volatile CountDownLatch logsGate = new CountDownLatch(0);
  private final AtomicInteger logsWaiting = new AtomicInteger();
  private volatile ToIntFunction<ContainerSpec> execAnswers;
  private final Map<String, AtomicInteger> execs = new ConcurrentHashMap<>();
  private final List<GraceWait> graceWaits = new CopyOnWriteArrayList<>();
  private final List<RunningWatch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** A stop of a container that ignores SIGTERM, waiting for the clock to pass the end of its grace. */
  private record GraceWait(Entry entry, Instant until, CountDownLatch over) {}

  /**
   * How many containers with some labels run, followed at every start and end from its making on. Each change
   * moves the count by one and reports the count it made, so {@link #fewest()} misses no dip, however short.
   */
  public static final class RunningWatch {
    private final Map<String, String> labels;
    private final AtomicInteger running;
    private final AtomicInteger fewest;

    private RunningWatch(Map<String, String> labels, int runningNow) {
      this.labels = Map.copyOf(labels);
      this.running = new AtomicInteger(runningNow);
      this.fewest = new AtomicInteger(runningNow);
    }

    /** The fewest containers that ran at once since the watch was made. */
    public int fewest() {
      return fewest.get();
    }

    private void changed(ContainerSpec spec, int delta) {
      if (spec.labels().entrySet().containsAll(labels.entrySet())) {
        fewest.accumulateAndGet(running.addAndGet(delta), Math::min);
      }
    }
  }

  private static final class Entry {
    final String id;
    final ContainerSpec spec;
    final Instant createdAt;
    ContainerStatus status = ContainerStatus.CREATED;
    long pid;
    OptionalInt exitCode = OptionalInt.empty();
    Instant startedAt;
    Instant finishedAt;

    Entry(String id, ContainerSpec spec, Instant createdAt) {
      this.id = id;
      this.spec = spec;
      this.createdAt = createdAt;
    }

    synchronized ContainerState state() {
      return new ContainerState(id, spec.name(), spec.image(), status, pid, exitCode, createdAt, startedAt,
          finishedAt, spec.labels());
    }
  }

  public InMemoryRuntime(Path dataDir, Clock clock) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** Every create whose spec matches throws an IO error from now on. */
  public void failCreates(Predicate<ContainerSpec> which) {
    failCreate = which;
  }

  /**
   * Every create whose spec matches throws what {@code error} makes, e.g. the IllegalArgumentException a JDK
   * ProcessBuilder throws for an environment it rejects: a runtime breaking its contract.
   */
  public void failCreates(Predicate<ContainerSpec> which,
      java.util.function.Function<ContainerSpec, RuntimeException> error) {
    failure = error;
    failCreate = which;
  }

  /** Every create whose spec matches waits until {@link #releaseCreates()} (or its thread is interrupted). */
  public void blockCreates(Predicate<ContainerSpec> which) {
    createGate = new CountDownLatch(1);
    blockCreate = which;
  }

  public void releaseCreates() {
    blockCreate = spec -> false;
    createGate.countDown();
  }

  /** Every {@link #list} waits until {@link #releaseLists()}. */
  public void blockLists() {
    listGate = new CountDownLatch(1);
  }

  public void releaseLists() {
    listGate.countDown();
  }

  /** Every {@link #logs} waits until {@link #releaseLogs()}, as a runtime reading a slow disk would. */
  public void blockLogs() {
    logsGate = new CountDownLatch(1);
  }

  public void releaseLogs() {
    logsGate.countDown();
  }

  /** How many {@link #logs} calls wait at the gate now. */
  public int logsWaiting() {
    return logsWaiting.get();
  }

  /** How many creates succeeded so far. */
  public int creates() {
    return creates.get();
  }

  /**
   * An exec in a running container answers at once with the exit code {@code exitCode} gives for its spec, e.g. a
   * health check that passes with 0, instead of being refused.
   */
  public void answerExecs(ToIntFunction<ContainerSpec> exitCode) {
    execAnswers = exitCode;
  }

  /** How many execs a container answered so far. */
  public int execs(String id) {
    AtomicInteger n = execs.get(id);
    return n == null ? 0 : n.get();
  }

  /** Follows how many containers with {@code labels} run, from now on; make it while none starts or ends. */
  public RunningWatch watchRunning(Map<String, String> labels) {
    synchronized (watches) {
      RunningWatch watch = new RunningWatch(labels, (int) list(labels).stream().filter(ContainerState::running)
          .count());
      watches.add(watch);
      return watch;
    }
  }

  /** How many stops wait for the clock to pass the end of their grace (containers that ignore SIGTERM). */
  public int stopsWaitingOutTheirGrace() {
    return graceWaits.size();
  }

  /**
   * The test moved the clock: every stop whose grace is over now kills its container, before this returns (the
   * {@link Clock} has no listeners, so the test says it; MemoryEngine's advance does).
   */
  public void clockMoved() {
    Instant now = clock.instant();
    for (GraceWait wait : graceWaits) {
      if (!now.isBefore(wait.until())) {
        end(wait.entry(), 137);
      }
    }
  }

  /** The container ends by itself with {@code code}, as a crash would. */
  public void exit(String id, int code) {
    end(find(id), code);
  }

  @Override
  public boolean runsHostProcesses() {
    return true; // stands in for the process runtime: the tests' services run "commands"
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Availability available() {
    return Availability.yes("in memory");
  }

  @Override
  public String create(ContainerSpec spec) {
    if (blockCreate.test(spec)) {
      await(createGate, "create");
    }
    if (failCreate.test(spec)) {
      throw failure.apply(spec);
    }
    if (!spec.image().isEmpty() && !spec.image().equals("process")) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no image " + spec.image());
    }
    for (VolumeMount volume : spec.volumes()) {
      if (!volume.hostPath().toAbsolutePath().normalize().startsWith(dataDir)) {
        throw ContainerRuntimeException.invalidSpec("volume " + volume.hostPath() + " is outside " + dataDir);
      }
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    synchronized (containers) {
      if (containers.values().stream().anyMatch(e -> e.spec.name().equals(spec.name()))) {
        throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "name " + spec.name() + " is taken");
      }
      containers.put(id, new Entry(id, spec, clock.instant()));
    }
    creates.incrementAndGet();
    return id;
  }

  @Override
  public void start(String id) {
    Entry e = find(id);
    synchronized (e) {
      if (e.status == ContainerStatus.RUNNING) {
        return;
      }
      e.status = ContainerStatus.RUNNING;
      e.pid = pids.incrementAndGet();
      e.exitCode = OptionalInt.empty();
      e.startedAt = clock.instant();
      e.finishedAt = null;
      watches.forEach(w -> w.changed(e.spec, +1));
    }
    exitCodeOf(e.spec.argv()).ifPresent(code -> end(e, code));
  }

  @Override
  public void stop(String id, Duration grace) {
    Entry e = find(id);
    if (grace.isZero()) {
      end(e, 137);
    } else if (ignoresTerm(e.spec.argv())) {
      waitOutGrace(e, clock.instant().plus(grace));
      end(e, 137);
    } else {
      end(e, 143);
    }
  }

  /** Blocks until {@link #clockMoved()} passed {@code until}, the container ended otherwise, or the runtime closed. */
  private void waitOutGrace(Entry e, Instant until) {
    GraceWait wait = new GraceWait(e, until, new CountDownLatch(1));
    graceWaits.add(wait);
    try {
      synchronized (e) {
        if (e.status != ContainerStatus.RUNNING || closed) {
          return;
        }
      }
      await(wait.over(), "stop");
    } finally {
      graceWaits.remove(wait);
    }
  }

  private volatile java.util.function.Consumer<String> afterKill = id -> { };

  /** Runs {@code hook} with the container's id after each {@link #kill} took effect, on the caller's thread. */
  public void afterKill(java.util.function.Consumer<String> hook) {
    afterKill = hook;
  }

  @Override
  public void kill(String id, String signal) {
    Entry e = find(id);
    String name = signal.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", "");
    int code = switch (name) {
      case "KILL", "9" -> 137;
      case "TERM", "15" -> ignoresTerm(e.spec.argv()) ? -1 : 143; // -1: trapped, it runs on
      case "INT", "2" -> 130;
      default -> throw ContainerRuntimeException.invalidSpec("unknown signal " + signal);
    };
    if (code >= 0) {
      end(e, code);
    }
    afterKill.accept(id);
  }

  @Override
  public void remove(String id) {
    Entry e = find(id);
    synchronized (e) {
      if (e.status == ContainerStatus.RUNNING) {
        throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is running");
      }
    }
    containers.remove(e.id);
  }

  /** The spec a container was made from (a real runtime keeps it too, in its state files or engine). */
  public ContainerSpec specOf(String id) {
    return find(id).spec;
  }

  @Override
  public ContainerState inspect(String id) {
    return find(id).state();
  }

  @Override
  public List<ContainerState> list(Map<String, String> labelFilter) {
    await(listGate, "list");
    List<ContainerState> matching = new ArrayList<>();
    for (Entry e : containers.values()) {
      if (e.spec.labels().entrySet().containsAll(labelFilter.entrySet())) {
        matching.add(e.state());
      }
    }
    return matching;
  }

  @Override
  public LogSubscription logs(String id, LogQuery query, LogConsumer consumer) {
    logsWaiting.incrementAndGet();
    try {
      await(logsGate, "logs");
    } finally {
      logsWaiting.decrementAndGet();
    }
    find(id);
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    return new LogSubscription() {
      @Override
      public CompletableFuture<Void> done() {
        return done;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public ContainerStats stats(String id) {
    find(id);
    return new ContainerStats(id, 0, 0, 0);
  }

  @Override
  public ExecSession exec(String id, ExecSpec spec, ExecOutput output) {
    Entry e = find(id);
    synchronized (e) {
      if (e.status != ContainerStatus.RUNNING) {
        throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
      }
    }
    ToIntFunction<ContainerSpec> answers = execAnswers;
    if (answers == null) {
      throw new ContainerRuntimeException(RuntimeErrorCode.INVALID_SPEC, "the in-memory runtime runs no commands");
    }
    execs.computeIfAbsent(e.id, k -> new AtomicInteger()).incrementAndGet();
    CompletableFuture<Integer> exitCode = CompletableFuture.completedFuture(answers.applyAsInt(e.spec));
    return new ExecSession() {
      @Override
      public java.io.OutputStream stdin() {
        return java.io.OutputStream.nullOutputStream();
      }

      @Override
      public CompletableFuture<Integer> exitCode() {
        return exitCode;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    closed = true;
    graceWaits.forEach(wait -> wait.over().countDown());
    releaseCreates();
    releaseLists();
    releaseLogs();
  }

  private Entry find(String idOrName) {
    Entry e = containers.get(idOrName);
    if (e != null) {
      return e;
    }
    return containers.values().stream().filter(c -> c.spec.name().equals(idOrName)).findFirst()
        .orElseThrow(() -> ContainerRuntimeException.notFound(idOrName));
  }

  private void end(Entry e, int code) {
    synchronized (e) {
      if (e.status != ContainerStatus.RUNNING) {
        return;
      }
      e.status = ContainerStatus.EXITED;
      e.pid = 0;
      e.exitCode = OptionalInt.of(code);
      e.finishedAt = clock.instant();
      watches.forEach(w -> w.changed(e.spec, -1));
    }
    graceWaits.stream().filter(wait -> wait.entry() == e).forEach(wait -> wait.over().countDown());
  }

  /** {@code exit N} and {@code true} end at once; the rest runs. */
  private static Optional<Integer> exitCodeOf(List<String> argv) {
    String script = script(argv);
    if (script.equals("true")) {
      return Optional.of(0);
    }
    if (script.matches("exit \\d{1,3}")) {
      return Optional.of(Integer.parseInt(script.substring(5)));
    }
    return RUNS;
  }

  /** A script that traps TERM to nothing, as a process that ignores a polite stop. */
  private static boolean ignoresTerm(List<String> argv) {
    return script(argv).startsWith("trap '' TERM");
  }

  private static String script(List<String> argv) {
    String script = argv.size() >= 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c") ? argv.get(2)
        : String.join(" ", argv);
    return script.strip();
  }

  private static void await(CountDownLatch gate, String what) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRuntimeException(RuntimeErrorCode.TIMEOUT, what + " interrupted");
    }
  }
}
