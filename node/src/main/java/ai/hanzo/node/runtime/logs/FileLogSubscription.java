package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Delivers a container's log from its files: the history (rotated files oldest first, then the current one) with
 * {@code since} and {@code tail} applied (only a tail is held back, and only its lines), then, when following, the
 * new lines of the current file, across rotations, until the container has ended and its output was drained.
 *
 * <p>Each poll is a short turn on a shared executor: it reads at most {@link #READ_BUDGET_BYTES}, and only while the
 * consumer {@linkplain LogConsumer#wantsMore() wants more}. A paused consumer therefore costs no thread and no
 * growing buffer; the files hold its unread lines (it keeps the files it still has to read open, so a rotation
 * meanwhile does not take them away) until it reads again: at its next poll, or at once when {@linkplain #wake()
 * woken}.
 */
public final class FileLogSubscription implements LogSubscription {
  /** The most one poll reads, so one busy log does not hold up the others on the shared executor. */
  static final int READ_BUDGET_BYTES = 256 * 1024;

  private final LogFiles files;
  private final LogQuery query;
  private final LogConsumer consumer;
  private final BooleanSupplier outputEnded;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;
  private final Object lock = new Object();
  /** The last {@code tail} lines of the history while it is read, then those not yet delivered. */
  private final Deque<LogEntry> tailBuffer = new ArrayDeque<>();
  /** Files that no longer grow and are still to be read, oldest first: the history, or what rotation moved away. */
  private final Deque<LogFileReader> older = new ArrayDeque<>();
  private LogFileReader current;
  private ScheduledFuture<?> poller;
  private boolean opened;
  private boolean collectingTail;
  /** Written under the lock; read without it by {@link #wake()}. */
  private volatile boolean closed;

  private FileLogSubscription(LogFiles files, LogQuery query, LogConsumer consumer, BooleanSupplier outputEnded) {
    this.files = files;
    this.query = query;
    this.consumer = consumer;
    this.outputEnded = outputEnded;
  }

  /**
   * Starts delivery on {@code executor}. {@code outputEnded} tells a follower that no more lines will come (the
   * container ended and its pumps drained its pipes).
   */
  public static FileLogSubscription start(LogFiles files, LogQuery query, LogConsumer consumer,
      BooleanSupplier outputEnded, ScheduledExecutorService executor, Duration pollInterval) {
    FileLogSubscription subscription = new FileLogSubscription(files, query, consumer, outputEnded);
    synchronized (subscription.lock) {
      subscription.executor = executor;
      subscription.poller = executor.scheduleWithFixedDelay(subscription::step, 0, pollInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return subscription;
  }

  /**
   * One turn now, besides the polls; at most one such turn waits at a time. Takes no lock (a turn may hold it while
   * it reads the disk): the relay calls this from the transport's event loop.
   */
  @Override
  public void wake() {
    ScheduledExecutorService e = executor;
    if (closed || e == null) {
      return;
    }
    if (wakePending.compareAndSet(false, true)) {
      try {
        e.execute(() -> {
          wakePending.set(false);
          step();
        });
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        wakePending.set(false); // the runtime is closing: the subscription ends with it
      }
    }
  }

  private void step() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (!opened) {
          openHistory();
          opened = true;
        }
        if (!consumer.wantsMore()) {
          // Paused: this poll costs no read and no look at the container.
          return;
        }
        // Sampled before reading: output that ended before this read is entirely in the files this read sees.
        boolean endedBeforeRead = query.follow() && outputEnded.getAsBoolean();
        if (deliverSome() && (!query.follow() || endedBeforeRead)) {
          if (query.follow() && current != null) {
            // The output has ended: a last line without newline will not be finished any more.
            current.flush();
          }
          done.complete(null);
          closeLocked();
        }
      } catch (IOException | RuntimeException e) {
        done.completeExceptionally(e);
        closeLocked();
      }
    }
  }

  /** Opens the files of the history; with a tail, reads it all at once (it keeps only the tail's lines). */
  private void openHistory() throws IOException {
    current = LogFileReader.open(files.current(), this::collect);
    addRotated(files.rotatedOldestFirst(), null);
    if (query.tail() > 0) {
      collectingTail = true;
      for (LogFileReader reader : older) {
        reader.readToEnd();
        reader.close();
      }
      older.clear();
      if (current != null) {
        current.readAvailable();
      }
      collectingTail = false;
    }
  }

  /**
   * Hands the consumer what it wants of what is there, up to the read budget. True when everything written so far
   * was delivered; false when the consumer paused or the budget ran out (the next poll goes on).
   */
  private boolean deliverSome() throws IOException {
    int budget = READ_BUDGET_BYTES;
    while (true) {
      while (!tailBuffer.isEmpty()) {
        if (!consumer.wantsMore()) {
          return false;
        }
        consumer.onEntry(tailBuffer.removeFirst());
      }
      if (!consumer.wantsMore() || budget <= 0) {
        return false;
      }
      LogFileReader oldest = older.peekFirst();
      if (oldest != null) {
        int read = oldest.readChunk();
        if (read > 0) {
          budget -= read;
        } else {
          oldest.flush();
          oldest.close();
          older.removeFirst();
        }
        continue;
      }
      if (current == null) {
        current = LogFileReader.open(files.current(), this::collect);
        if (current == null) {
          return true;
        }
      }
      int read = current.readChunk();
      if (read > 0) {
        budget -= read;
      } else if (!query.follow() || !moveToNewerFile()) {
        return true;
      }
    }
  }

  /**
   * At the end of the current file: when rotation has replaced it, it becomes the first of the older files (the
   * writer may have added to it after our last read), followed by any rotated file written after it while this
   * subscription was paused, and the new current file takes its place. False when it was not replaced.
   */
  private boolean moveToNewerFile() throws IOException {
    if (current.isFile(files.current())) {
      return false;
    }
    LogFileReader next = LogFileReader.open(files.current(), this::collect);
    if (next == null) {
      return false;
    }
    LogFileReader previous = current;
    older.addLast(previous);
    current = next;
    addRotated(files.rotatedOldestFirst(), previous);
    return true;
  }

  /**
   * Opens those of {@code rotated} (oldest first) that came after {@code after} (all when null or no longer there),
   * skipping the current file should it have been rotated in the meantime.
   */
  private void addRotated(List<Path> rotated, LogFileReader after) throws IOException {
    int first = 0;
    if (after != null) {
      for (int i = 0; i < rotated.size(); i++) {
        if (after.isFile(rotated.get(i))) {
          first = i + 1;
        }
      }
    }
    for (Path file : rotated.subList(first, rotated.size())) {
      if (current != null && current.isFile(file)) {
        break;
      }
      LogFileReader reader = LogFileReader.open(file, this::collect);
      if (reader != null) {
        older.addLast(reader);
      }
    }
  }

  private void collect(String line) {
    LogLineCodec.decode(line).ifPresent(entry -> {
      if (query.since() != null && entry.timestamp().isBefore(query.since())) {
        return;
      }
      if (!collectingTail) {
        consumer.onEntry(entry);
        return;
      }
      tailBuffer.addLast(entry);
      if (tailBuffer.size() > query.tail()) {
        tailBuffer.removeFirst();
      }
    });
  }

  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closeLocked();
    }
    done.complete(null);
  }

  private void closeLocked() {
    if (closed) {
      return;
    }
    closed = true;
    if (poller != null) {
      poller.cancel(false);
    }
    tailBuffer.clear();
    while (!older.isEmpty()) {
      closeQuietly(older.removeFirst());
    }
    if (current != null) {
      closeQuietly(current);
      current = null;
    }
  }

  private void closeQuietly(LogFileReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      done.completeExceptionally(e);
    }
  }
}
