package ai.hanzo.node.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private final EventBus bus = new EventBus();

  private static DomainEvent event(String type, int n) {
    return new DomainEvent(Instant.EPOCH, type, "node", "n" + n, "m", Map.of());
  }

  @Test
  void deliversOnlyMatchingTypesAndSignalsEachOffer() {
    AtomicInteger signals = new AtomicInteger();
    EventSubscription s = bus.subscribe(EventFilter.of(List.of("node.*", "deployment.created")), 10,
        signals::incrementAndGet);
    bus.publish(event("node.offline", 1));
    bus.publish(event("deployment.removed", 2));
    bus.publish(event("deployment.created", 3));
    bus.publish(event("nodes.other", 4));
    assertThat(s.poll().resourceId()).isEqualTo("n1");
    assertThat(s.poll().resourceId()).isEqualTo("n3");
    assertThat(s.poll()).isNull();
    assertThat(signals).hasValue(2);
  }

  @Test
  void aSlowSubscriberKeepsOnlyTheNewestEventsAndCountsTheRest() {
    EventSubscription slow = bus.subscribe(EventFilter.ALL, 100, () -> {});
    for (int i = 0; i < 100_000; i++) {
      bus.publish(event("node.heartbeat", i));
    }
    assertThat(slow.queued()).isEqualTo(100);
    assertThat(slow.dropped()).isEqualTo(99_900);
    assertThat(slow.poll().resourceId()).isEqualTo("n99900");
  }

  @Test
  void closingUnsubscribesAndFreesTheQueue() {
    EventSubscription s = bus.subscribe(EventFilter.ALL, 10, () -> {});
    bus.publish(event("x", 1));
    assertThat(bus.subscriberCount()).isEqualTo(1);
    s.close();
    s.close();
    assertThat(bus.subscriberCount()).isZero();
    assertThat(s.queued()).isZero();
    bus.publish(event("x", 2));
    assertThat(s.poll()).isNull();
  }

  @Test
  void aFailingSubscriberDoesNotStopDeliveryToOthers() {
    bus.subscribe(EventFilter.ALL, 10, () -> {
      throw new IllegalStateException("boom");
    });
    EventSubscription ok = bus.subscribe(EventFilter.ALL, 10, () -> {});
    bus.publish(event("x", 1));
    assertThat(ok.poll()).isNotNull();
  }
}
