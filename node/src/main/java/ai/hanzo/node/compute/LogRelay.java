package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentService.LogLine;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.LogSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Moves log lines from the runtime's reader threads to a {@link StreamSink} through a bounded queue on a thread
 * of its own, in batches of what has queued up: a slow client fills the queue, which then blocks the readers, so
 * memory stays bounded and nothing is dropped. {@link #close()} stops the thread and closes every subscription.
 */
final class LogRelay implements AutoCloseable {
  private static final int CAPACITY = 1024;
  private static final int MAX_BATCH = 256;
  private static final long POLL_MILLIS = 100;

  private final StreamSink<LogLine> sink;
  private final BlockingQueue<LogLine> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final List<LogSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Semaphore sinkReady = new Semaphore(0);
  private volatile boolean closed;
  private volatile Thread pump;

  LogRelay(StreamSink<LogLine> sink) {
    this.sink = sink;
  }

  void own(LogSubscription subscription) {
    subscriptions.add(subscription);
  }

  /** Called on a runtime reader thread; waits while the queue is full. */
  void offer(LogLine line) {
    try {
      while (!closed && !queue.offer(line, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        // the client is behind: hold the reader here instead of buffering more
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void start(CompletableFuture<Void> allDone) {
    Thread t = new Thread(() -> run(allDone), "compute-logs");
    t.setDaemon(true);
    pump = t;
    t.start();
  }

  private void run(CompletableFuture<Void> allDone) {
    try {
      while (!closed) {
        LogLine first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (allDone.isDone() && queue.isEmpty()) {
            finish(allDone);
            return;
          }
          continue;
        }
        // Whatever else is queued goes along: one hand-over to the sink per batch, not per line.
        List<LogLine> batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        while (!closed && !sink.isReady()) {
          sink.whenReady(sinkReady::release);
          sinkReady.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (!closed) {
          sink.nextAll(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      sink.fail(e);
    } finally {
      closeSubscriptions();
    }
  }

  private void finish(CompletableFuture<Void> allDone) {
    if (allDone.isCompletedExceptionally()) {
      sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "reading the logs failed: "
          + allDone.handle((v, e) -> String.valueOf(e)).join()));
    } else {
      sink.complete();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeSubscriptions();
    Thread t = pump;
    if (t != null) {
      t.interrupt();
    }
  }

  private void closeSubscriptions() {
    subscriptions.forEach(LogSubscription::close);
  }
}
