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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Delivers a container's log from its files: the history (rotated files oldest first, then the current one) with
 * {@code since} and {@code tail} applied (only a tail is held back, and only its lines), then, when following, polls
 * the current file for new lines and follows it across rotations until the container has ended and its output was
 * drained.
 */
public final class FileLogSubscription implements LogSubscription {
  private final LogFiles files;
  private final LogQuery query;
  private final LogConsumer consumer;
  private final BooleanSupplier outputEnded;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Object lock = new Object();
  private final Deque<LogEntry> tailBuffer = new ArrayDeque<>();
  private LogFileReader current;
  private ScheduledFuture<?> poller;
  private boolean following;
  private boolean closed;

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
      subscription.poller = executor.scheduleWithFixedDelay(subscription::step, 0, pollInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return subscription;
  }

  private void step() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (!following) {
          deliverHistory();
        } else {
          followOnce();
        }
      } catch (IOException | RuntimeException e) {
        done.completeExceptionally(e);
        closeLocked();
      }
    }
  }

  private void deliverHistory() throws IOException {
    current = LogFileReader.open(files.current(), this::collect);
    for (Path rotated : files.rotatedOldestFirst()) {
      if (current != null && current.isFile(rotated)) {
        continue;
      }
      try (LogFileReader reader = LogFileReader.open(rotated, this::collect)) {
        if (reader != null) {
          reader.readToEnd();
        }
      }
    }
    if (current != null) {
      current.readAvailable();
    }
    following = true;
    for (LogEntry entry : tailBuffer) {
      consumer.onEntry(entry);
    }
    tailBuffer.clear();
    if (!query.follow()) {
      done.complete(null);
      closeLocked();
    }
  }

  private void followOnce() throws IOException {
    boolean endedBeforeRead = outputEnded.getAsBoolean();
    if (current != null) {
      current.readAvailable();
    }
    if (current == null || !current.isFile(files.current())) {
      LogFileReader next = LogFileReader.open(files.current(), this::collect);
      if (next != null) {
        if (current != null) {
          current.readToEnd();
          current.close();
        }
        current = next;
        current.readAvailable();
      }
    }
    if (endedBeforeRead) {
      if (current != null) {
        current.readToEnd();
      }
      done.complete(null);
      closeLocked();
    }
  }

  private void collect(String line) {
    LogLineCodec.decode(line).ifPresent(entry -> {
      if (query.since() != null && entry.timestamp().isBefore(query.since())) {
        return;
      }
      // Without a tail the history goes out as it is read (oldest first, as read): nothing to hold back.
      if (following || query.tail() <= 0) {
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
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        done.completeExceptionally(e);
      }
      current = null;
    }
  }
}
