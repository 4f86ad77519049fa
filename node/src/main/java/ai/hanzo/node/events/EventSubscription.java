package ai.hanzo.node.events;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One subscriber's view of the bus: a bounded queue that drops its <em>oldest</em> event when full, so a slow
 * consumer costs at most {@code capacity} events of memory and learns how many it lost from {@link #dropped()}.
 * The bus calls {@code onAvailable} (on the publisher's thread: it must only schedule work) after each offer.
 */
public final class EventSubscription implements AutoCloseable {
  private final EventFilter filter;
  private final int capacity;
  private final Runnable onAvailable;
  private final Consumer<EventSubscription> onClose;
  private final ArrayDeque<DomainEvent> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private long dropped;

  EventSubscription(EventFilter filter, int capacity, Runnable onAvailable, Consumer<EventSubscription> onClose) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.filter = filter;
    this.capacity = capacity;
    this.onAvailable = onAvailable;
    this.onClose = onClose;
    this.queue = new ArrayDeque<>(Math.min(capacity, 64));
  }

  void offer(DomainEvent event) {
    if (closed.get() || !filter.matches(event)) {
      return;
    }
    synchronized (this) {
      if (queue.size() == capacity) {
        queue.pollFirst();
        dropped++;
      }
      queue.addLast(event);
    }
    onAvailable.run();
  }

  /** The next event, or null when none is waiting. */
  public synchronized DomainEvent poll() {
    return queue.pollFirst();
  }

  public synchronized int queued() {
    return queue.size();
  }

  /** Events lost because the subscriber fell more than {@code capacity} behind. */
  public synchronized long dropped() {
    return dropped;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Unsubscribes and frees the queue; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
      synchronized (this) {
        queue.clear();
      }
    }
  }
}
