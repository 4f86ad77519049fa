package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.TerminalSize;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An exec run as a host command (the command itself, or {@code runc exec}) that is not the node's child: a
 * {@code /bin/sh} forked off by {@code setsid -f} (so no JVM thread waits for it) makes named pipes in a scratch
 * directory, writes its pid, opens the pipes as the command's stdin, stdout and stderr (and says so), runs the
 * command and writes its exit status.
 * The node reads the output pipes with an {@link ExecPipeReader}, a task on the runtime's shared pump threads, so a
 * running exec costs no thread of its own, whether its client reads or not. With a tty the command runs on a
 * {@link PseudoTerminal} and everything arrives as stdout.
 */
public final class ProcessExecSession implements ExecSession {
  /**
   * The shell makes the pipes and writes its pid, then opens the pipes (which waits until the node opened its ends)
   * and runs the command. Making the pipes here saves a process launch (and a JVM reaper thread) per exec.
   */
  private static final String SCRIPT = String.join("\n",
      "d=$1; in=$2; err=$3; shift 3",
      "/usr/bin/mkfifo -m 600 \"$d/stdout.fifo\" \"$d/stderr.fifo\" \"$d/stdin.fifo\" || exit 1",
      "echo $$ > \"$d/pid.tmp\" && /bin/mv -f \"$d/pid.tmp\" \"$d/pid\"",
      "exec <\"$in\" >\"$d/stdout.fifo\" 2>\"$err\"",
      ": > \"$d/opened\"",
      "\"$@\"",
      "echo $? > \"$d/exit.tmp\" && /bin/mv -f \"$d/exit.tmp\" \"$d/exit\"");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(2);
  private static final String TTY_NAME = "tty";

  private final Path dir;
  private final FileChannel stdinPipe;
  private final OutputStream stdin;
  private final ExecPipeReader reader;
  private final boolean tty;

  private ProcessExecSession(Path dir, FileChannel stdinPipe, ExecPipeReader reader, boolean tty) {
    this.dir = dir;
    this.tty = tty;
    this.stdinPipe = stdinPipe;
    this.stdin = stdinPipe == null ? closedStream() : Channels.newOutputStream(stdinPipe);
    this.reader = reader;
  }

  /**
   * Starts {@code argv} with exactly {@code env} (in {@code dir} when not null), on a pseudo-terminal when
   * {@code spec.tty()}, and copies its output on {@code pumps}. Without stdin a plain exec reads end-of-file at
   * once; a tty exec's input stays open but empty, because the terminal would turn end-of-file into a character the
   * command reads. Blocks until the command runs (a few milliseconds): call it off the event loop.
   */
  public static ProcessExecSession start(List<String> argv, Map<String, String> env, Path dir, ExecSpec spec,
      ExecOutput output, ScheduledExecutorService pumps) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("hanzo-exec-");
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start exec: " + e.getMessage(), e);
    }
    boolean withStdin = spec.stdin() || spec.tty();
    FileChannel stdinPipe = null;
    ExecPipeReader reader = null;
    ProcStat proc = new ProcStat();
    long pid = 0;
    try {
      launch(scratch, spec.tty() ? PseudoTerminal.wrap(argv, spec.size(), scratch.resolve(TTY_NAME)) : argv, env,
          dir, withStdin, spec.tty());
      pid = awaitPid(scratch);
      long startTime = proc.startTime(pid).orElse(0);
      // The shell waits in open() until our ends are open; ours (read-write) never wait.
      if (withStdin) {
        stdinPipe = FileChannel.open(scratch.resolve("stdin.fifo"), StandardOpenOption.READ,
            StandardOpenOption.WRITE);
      }
      reader = ExecPipeReader.open(scratch, spec.tty(), output, pumps);
      // Until the shell has opened stdin, closing ours would leave it waiting in open() for a writer for good.
      await(scratch.resolve("opened"));
      ProcessExecSession session = new ProcessExecSession(scratch, stdinPipe, reader, spec.tty());
      reader.exitCode().whenComplete((code, failure) -> session.cleanUp());
      reader.start(pid, startTime, proc);
      return session;
    } catch (IOException | RuntimeException e) {
      closeQuietly(stdinPipe);
      if (reader != null) {
        reader.abandon();
      }
      if (pid > 0) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      deleteTree(scratch);
      if (e instanceof ContainerRuntimeException cre) {
        throw cre;
      }
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot start exec: " + e.getMessage(), e);
    }
  }

  private static void launch(Path scratch, List<String> command, Map<String, String> env, Path dir,
      boolean withStdin, boolean tty) throws IOException {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "-f", "/bin/sh", "-c", SCRIPT, "hanzo-exec",
        scratch.toString(), withStdin ? scratch.resolve("stdin.fifo").toString() : "/dev/null",
        scratch.resolve(tty ? "stdout.fifo" : "stderr.fifo").toString()));
    argv.addAll(command);
    File launchErr = scratch.resolve("launch.err").toFile();
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(launchErr))
        .redirectError(ProcessBuilder.Redirect.appendTo(launchErr));
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    Process setsid = builder.start();
    try {
      // setsid -f exits as soon as it forked the shell, and with it the JVM thread that reaps it
      if (!setsid.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || setsid.exitValue() != 0) {
        setsid.destroyForcibly();
        throw new IOException("setsid failed: " + Files.readString(launchErr.toPath()).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    }
  }

  private static long awaitPid(Path scratch) throws IOException {
    return Long.parseLong(await(scratch.resolve("pid")).strip());
  }

  /** The content of a file the shell writes, once it exists; the shell's errors if it does not appear in time. */
  private static String await(Path file) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        String content = Files.readString(file);
        if (!file.getFileName().toString().equals("pid") || !content.isBlank()) {
          return content;
        }
      } catch (IOException e) {
        // not there yet
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    Path errors = file.resolveSibling("launch.err");
    String why = Files.exists(errors) ? Files.readString(errors).strip() : "";
    throw new IOException("the command did not start within " + START_TIMEOUT + (why.isEmpty() ? "" : ": " + why));
  }

  private static OutputStream closedStream() {
    OutputStream closed = OutputStream.nullOutputStream();
    try {
      closed.close();
    } catch (IOException e) {
      // nothing to close
    }
    return closed;
  }

  @Override
  public OutputStream stdin() {
    return stdin;
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return reader.exitCode();
  }

  @Override
  public void resume() {
    reader.resume();
  }

  /**
   * Sets the size of the terminal {@code script} made (the name its shell wrote, which may take a moment after the
   * start). A command that already ended has nothing to resize: refused rather than touching a terminal number
   * another exec may have got since.
   */
  @Override
  public void resize(TerminalSize size) {
    if (!tty) {
      ExecSession.super.resize(size);
    }
    String device;
    try {
      device = await(dir.resolve(TTY_NAME)).strip();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot find the exec's terminal: " + e.getMessage(),
          e);
    }
    if (reader.exitCode().isDone()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "the command has ended");
    }
    PseudoTerminal.resize(device, size);
  }

  /** Kills the command and everything it started, without blocking the caller; the exit code then completes. */
  @Override
  public void close() {
    closeQuietly(stdinPipe);
    reader.kill();
  }

  private void cleanUp() {
    closeQuietly(stdinPipe);
    deleteTree(dir);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // the pipe is gone already
    }
  }

  private static void deleteTree(Path dir) {
    try (var entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Files.deleteIfExists(entry);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a scratch directory left in the temp dir is harmless
    }
  }
}
