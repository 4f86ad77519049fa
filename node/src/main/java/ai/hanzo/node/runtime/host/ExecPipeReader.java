package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.LogStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies an exec's stdout and stderr pipes to its {@link ExecOutput} as a task on shared threads, never a thread
 * of its own: each turn reads only what the pipes hold ({@code FIONREAD}), so a read never blocks. While the output
 * wants no more it stops reading altogether and is not scheduled again until {@link #resume()}: the pipe fills, the
 * command blocks in its write, and a paused client costs neither a thread nor memory. Polls back off to
 * {@link #IDLE_DELAY_MS} while the command writes nothing. The pipes are held open read-write by us, so they never
 * report end-of-file: the reader ends once the command's shell is gone and both pipes are empty, and then the exit
 * code completes.
 */
final class ExecPipeReader {
  static final long BUSY_DELAY_MS = 5;
  static final long IDLE_DELAY_MS = 200;
  private static final int CHUNK = 16 * 1024;
  /** The most one turn copies, so one chatty exec does not keep the shared threads from the others. */
  private static final int TURN_BUDGET = 256 * 1024;
  private static final int KILLED = 128 + 9;

  private final Path dir;
  private final ExecOutput output;
  private final ScheduledExecutorService pumps;
  private final Pipe stdout;
  private final Pipe stderr;
  private final AtomicBoolean paused = new AtomicBoolean();
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final byte[] buffer = new byte[CHUNK];
  private volatile boolean killed;
  private long pid;
  private long startTime;
  private ProcStat proc;
  private long delayMs = BUSY_DELAY_MS;
  private boolean ended;

  private ExecPipeReader(Path dir, ExecOutput output, ScheduledExecutorService pumps, Pipe stdout, Pipe stderr) {
    this.dir = dir;
    this.output = output;
    this.pumps = pumps;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Opens our ends of {@code dir}'s stdout and stderr pipes (stderr is not read with a tty: it is stdout). */
  static ExecPipeReader open(Path dir, boolean tty, ExecOutput output, ScheduledExecutorService pumps)
      throws IOException {
    Pipe out = Pipe.open(dir.resolve("stdout.fifo"), LogStream.STDOUT);
    Pipe err;
    try {
      err = tty ? null : Pipe.open(dir.resolve("stderr.fifo"), LogStream.STDERR);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    return new ExecPipeReader(dir, output, pumps, out, err);
  }

  /** Starts copying the output of the shell {@code pid} (with that start time). */
  synchronized void start(long pid, long startTime, ProcStat proc) {
    this.pid = pid;
    this.startTime = startTime;
    this.proc = proc;
    schedule(0);
  }

  CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  /** The output wants more again. */
  void resume() {
    if (paused.compareAndSet(true, false)) {
      schedule(0);
    }
  }

  /** Kills the shell and everything it started; the reader then ends on its next turn. */
  void kill() {
    killed = true;
    paused.set(false);
    schedule(0);
  }

  /** Closes the pipes of a session that never started. */
  synchronized void abandon() {
    ended = true;
    stdout.close();
    if (stderr != null) {
      stderr.close();
    }
  }

  private void schedule(long delayMs) {
    try {
      pumps.schedule(this::turn, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the runtime is closing: nobody reads any more
      synchronized (this) {
        killTree();
        end(KILLED);
      }
    }
  }

  /** One turn: copies what the pipes hold while the output wants it, or ends, or waits before the next look. */
  private synchronized void turn() {
    if (ended) {
      return;
    }
    try {
      if (killed) {
        killTree();
        end(KILLED);
        return;
      }
      if (!output.wantsMore()) {
        paused.set(true);
        // resume() may have come between the look and the flag: look once more so it is not lost
        if (!output.wantsMore() || !paused.compareAndSet(true, false)) {
          return;
        }
      }
      int copied = copy(stdout);
      if (stderr != null) {
        copied += copy(stderr);
      }
      if (copied > 0) {
        delayMs = BUSY_DELAY_MS;
        schedule(pending() > 0 ? 0 : delayMs);
        return;
      }
      // the order matters: the shell is gone first, and only then is the pipes' emptiness final
      if (!proc.alive(pid, startTime) && pending() == 0) {
        end(exitStatus());
        return;
      }
      delayMs = Math.min(IDLE_DELAY_MS, Math.max(BUSY_DELAY_MS, delayMs * 2));
      schedule(delayMs);
    } catch (IOException | RuntimeException e) {
      killTree();
      stdout.close();
      if (stderr != null) {
        stderr.close();
      }
      ended = true;
      exitCode.completeExceptionally(e);
    }
  }

  private int copy(Pipe pipe) throws IOException {
    int copied = 0;
    while (copied < TURN_BUDGET && output.wantsMore()) {
      int available = pipe.reader.available();
      if (available <= 0) {
        break;
      }
      int read = pipe.reader.read(buffer, 0, Math.min(available, buffer.length));
      if (read <= 0) {
        break;
      }
      copied += read;
      output.onOutput(pipe.stream, Arrays.copyOf(buffer, read));
    }
    return copied;
  }

  private int pending() throws IOException {
    return stdout.reader.available() + (stderr == null ? 0 : stderr.reader.available());
  }

  private int exitStatus() {
    try {
      return Integer.parseInt(Files.readString(dir.resolve("exit")).strip());
    } catch (IOException | NumberFormatException e) {
      // the shell was killed before it could write the status
      return KILLED;
    }
  }

  private void end(int status) {
    if (ended) {
      return;
    }
    ended = true;
    stdout.close();
    if (stderr != null) {
      stderr.close();
    }
    exitCode.complete(status);
  }

  private void killTree() {
    if (proc == null || !proc.alive(pid, startTime)) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(shell -> {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    });
  }

  /** Our two ends of one named pipe: a read-write holder (so opening never blocks) and the reader. */
  private record Pipe(LogStream stream, FileChannel holder, FileInputStream reader) {
    static Pipe open(Path fifo, LogStream stream) throws IOException {
      FileChannel holder = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        return new Pipe(stream, holder, new FileInputStream(fifo.toFile()));
      } catch (IOException e) {
        holder.close();
        throw e;
      }
    }

    void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // already closed
      }
      try {
        holder.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
