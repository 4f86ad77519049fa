package ai.hanzo.node.usage;

import ai.hanzo.node.storage.UsageLog;
import ai.hanzo.node.storage.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place inference usage is recorded. {@link #record} counts a request in the Prometheus counters at once and
 * hands the record to a writer thread of its own, which appends whatever has queued up as one batch to the usage
 * log: the caller (an engine thread, or the blocking executor for a refused request) never waits for RocksDB and
 * never runs a write on an event loop, and a burst of requests costs a write per batch rather than one per request
 * (each a WAL append without fsync; why, see {@link UsageLog}).
 *
 * <p>Counters ({@code model} is one of the store's model names, so the label set stays as small as the store;
 * {@code outcome} is the record's finish reason): {@code hanzo_inference_requests_total{model,outcome}},
 * {@code hanzo_inference_prompt_tokens_total{model}}, {@code hanzo_inference_completion_tokens_total{model}}.
 */
public final class UsageRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
  /** Records waiting for the writer; beyond it (the database stalls) records are dropped and logged, never blocked on. */
  static final int QUEUE_CAPACITY = 65_536;
  static final int BATCH = 1024;
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private final UsageLog log;
  private final MeterRegistry meters;
  private final BlockingQueue<UsageRecord> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread writer;
  /** Records accepted into the queue, and those the writer has finished with (written or failed). Guarded by this. */
  private long accepted;
  private long done;
  private volatile boolean closed;

  public UsageRecorder(UsageLog log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
    this.writer = new Thread(this::writeLoop, "hanzo-usage-writer");
    writer.setDaemon(true);
  }

  public void start() {
    writer.start();
  }

  /** Counts {@code record} and queues it for the log. Never blocks. */
  public void record(UsageRecord record) {
    count(record);
    synchronized (this) {
      if (closed) {
        LOG.warn("usage record {} of model {} arrived after the usage log closed; not stored", record.requestId(),
            record.model());
        return;
      }
      if (!queue.offer(record)) {
        LOG.error("usage record {} of model {} dropped: {} records already wait for the node database",
            record.requestId(), record.model(), QUEUE_CAPACITY);
        return;
      }
      accepted++;
    }
  }

  /** Waits (at most 10 s) until every record queued before this call is in the log. */
  public void flush() {
    long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
    synchronized (this) {
      long target = accepted;
      while (done < target && writer.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("usage records are still being written after {}", FLUSH_TIMEOUT);
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes what is queued and stops the writer; later records are counted but not stored. */
  @Override
  public void close() {
    if (writer.isAlive()) {
      flush();
    }
    synchronized (this) {
      closed = true;
    }
    writer.interrupt();
    try {
      writer.join(FLUSH_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void count(UsageRecord r) {
    Counter.builder("hanzo.inference.requests").description("inference requests by model and how they ended")
        .tag("model", r.model()).tag("outcome", r.finishReason()).register(meters).increment();
    Counter.builder("hanzo.inference.prompt.tokens").description("prompt tokens processed, by model")
        .tag("model", r.model()).register(meters).increment(r.promptTokens());
    Counter.builder("hanzo.inference.completion.tokens").description("completion tokens generated, by model")
        .tag("model", r.model()).register(meters).increment(r.completionTokens());
  }

  private void writeLoop() {
    List<UsageRecord> batch = new ArrayList<>(BATCH);
    while (true) {
      UsageRecord first;
      try {
        // once closed, only what is still queued is written
        first = closed ? queue.poll() : queue.take();
      } catch (InterruptedException e) {
        continue; // close() interrupts the wait; the loop looks at closed again
      }
      if (first == null) {
        return;
      }
      batch.add(first);
      queue.drainTo(batch, BATCH - batch.size());
      try {
        log.appendAll(batch);
      } catch (RuntimeException e) {
        // A full disk or a closed database: the records are lost, the node keeps serving (storage health says why).
        LOG.error("{} usage records could not be written: {}", batch.size(), e.getMessage());
      }
      synchronized (this) {
        done += batch.size();
        notifyAll();
      }
      batch.clear();
    }
  }
}
