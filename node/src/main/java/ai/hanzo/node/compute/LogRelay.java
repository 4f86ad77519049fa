package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentService.LogLine;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogSubscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Moves log lines from the runtime's subscriptions to a {@link StreamSink}, without a thread of its own. Lines wait
 * in a queue; whichever thread adds a line or finds the sink ready again (a runtime reader, the transport's event
 * loop) drains it in batches while the sink is ready, one drainer at a time. When the client is behind, the queue
 * reaches {@link #WANTED} and the consumers tell the runtime they want no more, so file-backed subscriptions stop
 * reading until the client catches up (then they are {@linkplain LogSubscription#wake() woken}): a paused follower
 * holds no thread and a bounded queue. A runtime that cannot pause (a remote engine's stream) is held in
 * {@link LogConsumer#onEntry} once the queue reaches {@link #HARD_CAPACITY}. {@link #close()} closes every subscription.
 */
final class LogRelay implements AutoCloseable {
  /**
   * Below this many queued lines the subscriptions are asked for more: with the batches a sink may have in flight,
   * what a paused follower holds in memory.
   */
  static final int WANTED = 256;
  /**
   * Where even a runtime that ignores {@link #WANTED} waits. Above WANTED plus the most lines one read hands on (a
   * file reader's buffer of empty lines), so a file reader, which pauses, never waits here.
   */
  static final int HARD_CAPACITY = 32 * 1024;
  private static final int MAX_BATCH = 256;
  private static final long WAIT_MILLIS = 100;

  private final StreamSink<LogLine> sink;
  private final Object lock = new Object();
  private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
  private final List<LogSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final SerialDrain drain = new SerialDrain(this::drainOnce);
  private volatile CompletableFuture<Void> allDone;
  private volatile boolean closed;
  /** A consumer was told "no more" since the subscriptions were last woken. */
  private final AtomicBoolean refused = new AtomicBoolean();
  private boolean finished;

  LogRelay(StreamSink<LogLine> sink) {
    this.sink = sink;
  }

  /** The consumer for one subscription, whose entries {@code toLine} turns into lines of the stream. */
  LogConsumer consumer(Function<LogEntry, LogLine> toLine) {
    return new LogConsumer() {
      @Override
      public void onEntry(LogEntry entry) {
        offer(toLine.apply(entry));
      }

      @Override
      public boolean wantsMore() {
        boolean more = !closed && queued() < WANTED;
        if (!more) {
          refused.set(true);
        }
        return more;
      }
    };
  }

  void own(LogSubscription subscription) {
    subscriptions.add(subscription);
  }

  private int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  void offer(LogLine line) {
    synchronized (lock) {
      try {
        while (!closed && queue.size() >= HARD_CAPACITY) {
          lock.wait(WAIT_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) {
        return;
      }
      queue.addLast(line);
    }
    drain();
  }

  /** Starts delivery; the stream completes once {@code allDone} has and every queued line went out. */
  void start(CompletableFuture<Void> allDone) {
    this.allDone = allDone;
    allDone.whenComplete((ok, failure) -> drain());
    drain();
  }

  private void drain() {
    drain.request();
  }

  private void drainOnce() {
    try {
      while (!closed && !finished) {
        if (!sink.isReady()) {
          sink.whenReady(this::drain);
          return;
        }
        List<LogLine> batch;
        boolean roomAgain;
        synchronized (lock) {
          batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size()));
          while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
          }
          roomAgain = queue.size() < WANTED;
          lock.notifyAll();
        }
        if (roomAgain && refused.compareAndSet(true, false)) {
          // A subscription stopped reading for us: read again now, not at its next poll, so a follower that
          // keeps up is not held to one queue's worth of lines a poll.
          subscriptions.forEach(LogSubscription::wake);
        }
        if (batch.isEmpty()) {
          CompletableFuture<Void> done = allDone;
          if (done != null && done.isDone()) {
            finished = true;
            finish(done);
          }
          return;
        }
        sink.nextAll(batch);
      }
    } catch (RuntimeException e) {
      finished = true;
      sink.fail(e);
      close();
    }
  }

  private void finish(CompletableFuture<Void> done) {
    closeSubscriptions();
    if (done.isCompletedExceptionally()) {
      sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "reading the logs failed: "
          + done.handle((v, e) -> String.valueOf(e)).join()));
    } else {
      sink.complete();
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      queue.clear();
      lock.notifyAll();
    }
    closeSubscriptions();
  }

  private void closeSubscriptions() {
    subscriptions.forEach(LogSubscription::close);
  }
}
