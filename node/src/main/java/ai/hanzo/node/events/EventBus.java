package ai.hanzo.node.events;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's in-process event bus. Publishing never blocks and never waits for subscribers: each subscriber has
 * its own bounded queue (see {@link EventSubscription}). Subscribing is rare and publishing frequent, hence the
 * copy-on-write set.
 */
public final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final Set<EventSubscription> subscriptions = new CopyOnWriteArraySet<>();

  public void publish(DomainEvent event) {
    for (EventSubscription s : subscriptions) {
      try {
        s.offer(event);
      } catch (RuntimeException e) {
        // One broken subscriber must not keep the event from the others.
        log.warn("Event subscriber failed on {}: {}", event.type(), e.toString());
      }
    }
  }

  public EventSubscription subscribe(EventFilter filter, int capacity, Runnable onAvailable) {
    EventSubscription subscription = new EventSubscription(filter, capacity, onAvailable, subscriptions::remove);
    subscriptions.add(subscription);
    return subscription;
  }

  public int subscriberCount() {
    return subscriptions.size();
  }
}
