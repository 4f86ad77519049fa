package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a container from its named pipe into the log, one timestamped entry per line.
 *
 * <p>The container holds the pipe open read-write, so it never gets SIGPIPE while no node reads (output then waits
 * in the pipe, and a node started later drains it). To open our read end without blocking we first open a
 * read-write "holder"; once the container has its end open the holder is released, and end-of-file then means
 * every writer of the container has exited.
 */
public final class LogPump implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);
  static final int MAX_LINE_BYTES = 16 * 1024;

  private final LogStream stream;
  private final FileChannel holder;
  private final FileChannel reader;
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  private LogPump(LogStream stream, FileChannel holder, FileChannel reader) {
    this.stream = stream;
    this.holder = holder;
    this.reader = reader;
  }

  /** Opens the pipe and starts copying on a daemon thread; call {@link #releaseHolder()} once the writer is in. */
  public static LogPump start(Path fifo, LogStream stream, RotatingLogWriter writer, Clock clock, String threadName)
      throws IOException {
    FileChannel holder = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileChannel reader;
    try {
      reader = FileChannel.open(fifo, StandardOpenOption.READ);
    } catch (IOException e) {
      holder.close();
      throw e;
    }
    LogPump pump = new LogPump(stream, holder, reader);
    Thread thread = new Thread(() -> pump.copy(writer, clock), threadName);
    thread.setDaemon(true);
    thread.start();
    return pump;
  }

  private void copy(RotatingLogWriter writer, Clock clock) {
    LineAssembler lines = new LineAssembler(MAX_LINE_BYTES,
        line -> writer.append(new LogEntry(clock.instant(), stream, line)));
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    try {
      while (true) {
        buffer.clear();
        int read = reader.read(buffer);
        if (read < 0) {
          break;
        }
        lines.feed(buffer.array(), 0, read);
      }
      lines.flush();
      finished.complete(null);
    } catch (ClosedChannelException e) {
      // closed by close(), before or during a read: the node is letting go of this container
      lines.flush();
      finished.complete(null);
    } catch (IOException | RuntimeException e) {
      LOG.warn("log pump for {} stopped: {}", stream.wireName(), e.toString());
      finished.completeExceptionally(e);
    } finally {
      closeQuietly(reader);
      closeQuietly(holder);
    }
  }

  /** Lets end-of-file through: after this, the pump ends when the container's last writer closes the pipe. */
  public void releaseHolder() {
    closeQuietly(holder);
  }

  public CompletableFuture<Void> finished() {
    return finished;
  }

  /** Stops copying now (the node is going away); output not yet read stays in the pipe for the next reader. */
  @Override
  public void close() {
    closeQuietly(reader);
    closeQuietly(holder);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a log pipe failed", e);
    }
  }
}
