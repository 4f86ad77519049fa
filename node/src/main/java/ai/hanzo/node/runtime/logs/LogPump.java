package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a container from its named pipe into the log, one timestamped entry per line,
 * without a thread of its own: it is a task on the shared {@link LogPumps} scheduler that reads only what the pipe
 * holds ({@code FIONREAD}, via {@link FileInputStream#available()}), so a read never blocks and a few threads serve
 * every container. It polls again soon while output flows and backs off to {@link #IDLE_DELAY_MS} while none does.
 *
 * <p>The container holds the pipe open read-write, so it never gets SIGPIPE while no node reads (output then waits
 * in the pipe, and a node started later drains it). The pump holds a read-write "holder" too, which lets it open
 * its read end without blocking and means it never sees end-of-file: it ends once it is told the container's shim
 * is gone ({@link #endWhen}) and the pipe is empty. Output that a background child of the container writes after
 * that is not copied.
 */
public final class LogPump implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);
  static final int MAX_LINE_BYTES = 16 * 1024;
  static final long BUSY_DELAY_MS = 10;
  static final long IDLE_DELAY_MS = 500;

  private final LogStream stream;
  private final FileChannel holder;
  private final FileInputStream reader;
  private final LogPumps pumps;
  private final LineAssembler lines;
  private final byte[] buffer = new byte[8192];
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile BooleanSupplier writersGone;
  private boolean closed;
  private long delayMs = BUSY_DELAY_MS;

  private LogPump(LogStream stream, FileChannel holder, FileInputStream reader, LogPumps pumps,
      RotatingLogWriter writer, Clock clock) {
    this.stream = stream;
    this.holder = holder;
    this.reader = reader;
    this.pumps = pumps;
    this.lines = new LineAssembler(MAX_LINE_BYTES, line -> writer.append(new LogEntry(clock.instant(), stream,
        line)));
  }

  /** Opens the pipe and starts copying on {@code pumps}. */
  public static LogPump start(Path fifo, LogStream stream, RotatingLogWriter writer, Clock clock, LogPumps pumps)
      throws IOException {
    FileChannel holder = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileInputStream reader;
    try {
      reader = new FileInputStream(fifo.toFile());
    } catch (IOException e) {
      holder.close();
      throw e;
    }
    LogPump pump = new LogPump(stream, holder, reader, pumps, writer, clock);
    pump.schedule(0);
    return pump;
  }

  /** From now on the pump ends once {@code gone} says the container's writers have exited and the pipe is empty. */
  public void endWhen(BooleanSupplier gone) {
    this.writersGone = gone;
  }

  private void schedule(long delay) {
    try {
      pumps.scheduler().schedule(this::copyAvailable, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the runtime is closing: output not yet read stays in the pipe for the next node
      close();
    }
  }

  /** One turn: copies what the pipe holds now, or ends, or waits a little longer before the next look. */
  private synchronized void copyAvailable() {
    if (closed) {
      return;
    }
    try {
      int pending = reader.available();
      if (pending > 0) {
        int read = reader.read(buffer, 0, Math.min(pending, buffer.length));
        if (read > 0) {
          lines.feed(buffer, 0, read);
        }
        delayMs = pending > buffer.length ? 0 : BUSY_DELAY_MS;
      } else {
        BooleanSupplier gone = writersGone;
        // the order matters: the writers are gone first, and only then is the pipe's emptiness final
        if (gone != null && gone.getAsBoolean() && reader.available() == 0) {
          end();
          return;
        }
        delayMs = Math.min(IDLE_DELAY_MS, Math.max(BUSY_DELAY_MS, delayMs * 2));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("log pump for {} stopped: {}", stream.wireName(), e.toString());
      closed = true;
      closeQuietly();
      finished.completeExceptionally(e);
      return;
    }
    schedule(delayMs);
  }

  /**
   * Copies everything the pipe holds now, on the caller's thread. A reader of an ended container's log calls it so
   * that the output written before the exit is in the files at once, not after the pump's next (up to
   * {@link #IDLE_DELAY_MS} later) turn.
   */
  public synchronized void drainNow() {
    if (closed) {
      return;
    }
    try {
      int pending;
      while ((pending = reader.available()) > 0) {
        int read = reader.read(buffer, 0, Math.min(pending, buffer.length));
        if (read <= 0) {
          return;
        }
        lines.feed(buffer, 0, read);
      }
    } catch (IOException e) {
      LOG.debug("draining a log pipe failed; the pump's next turn reports it", e);
    }
  }

  private void end() {
    closed = true;
    lines.flush();
    closeQuietly();
    finished.complete(null);
  }

  public CompletableFuture<Void> finished() {
    return finished;
  }

  /** Stops copying now (the node is letting go); output not yet read stays in the pipe for the next reader. */
  @Override
  public synchronized void close() {
    if (!closed) {
      end();
    }
  }

  private void closeQuietly() {
    try {
      reader.close();
    } catch (IOException e) {
      LOG.debug("closing a log pipe failed", e);
    }
    try {
      holder.close();
    } catch (IOException e) {
      LOG.debug("closing a log pipe failed", e);
    }
  }
}
