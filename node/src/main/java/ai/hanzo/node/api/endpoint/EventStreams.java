package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.ProtoMapping;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.compute.ComputeEvents;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * GetEvents: live events from the bus matching {@code event_types} that the caller may see (deployment and
 * container events only of its org's deployments, see {@link ComputeEvents#sees}), until the client cancels. Each stream has a
 * bounded queue; when the client falls behind the oldest events are dropped and a {@code stream.events_dropped}
 * event tells it how many, so a slow client costs bounded memory.
 */
public final class EventStreams {
  static final int QUEUE_CAPACITY = 1024;
  public static final String DROPPED = "stream.events_dropped";

  private final EventBus bus;
  private final SelfNode self;
  private final Clock clock;

  public EventStreams(EventBus bus, SelfNode self, Clock clock) {
    this.bus = bus;
    this.self = self;
    this.clock = clock;
  }

  /** Subscribes now; delivers on {@code executor} (an event loop: delivery never blocks). */
  public StreamHandle open(GetEventsRequest request, MessageSink<NodeEvent> sink, Executor executor) {
    if (!self.isSelf(request.getNodeId())) {
      throw NodeException.invalidField("node_id", "events are only available for this node; leave it empty");
    }
    for (int i = 0; i < request.getEventTypesCount(); i++) {
      if (request.getEventTypes(i).isBlank()) {
        throw NodeException.invalidField("event_types[" + i + "]", "must not be empty");
      }
    }
    Tenant tenant = OrgScope.current();
    Delivery delivery = new Delivery(sink);
    SerialPump pump = new SerialPump(executor, delivery::drain);
    // Events of other orgs never enter the queue: they neither reach the caller nor push its own events out.
    delivery.subscription = bus.subscribe(EventFilter.of(request.getEventTypesList())
        .and(e -> ComputeEvents.sees(tenant, e)), QUEUE_CAPACITY, pump::signal);
    pump.signal();
    return new StreamHandle() {
      @Override
      public void onReady() {
        pump.signal();
      }

      @Override
      public void cancel() {
        delivery.subscription.close();
      }
    };
  }

  private final class Delivery {
    private final MessageSink<NodeEvent> sink;
    private volatile EventSubscription subscription;
    private long reportedDropped;

    Delivery(MessageSink<NodeEvent> sink) {
      this.sink = sink;
    }

    void drain() {
      EventSubscription s = subscription;
      while (s != null && !s.isClosed() && sink.isReady()) {
        long dropped = s.dropped();
        if (dropped > reportedDropped) {
          sink.next(ProtoMapping.event(new DomainEvent(clock.instant(), DROPPED, "stream", "",
              (dropped - reportedDropped) + " events dropped because this client fell behind",
              Map.of("dropped", Long.toString(dropped - reportedDropped)))));
          reportedDropped = dropped;
          continue;
        }
        DomainEvent e = s.poll();
        if (e == null) {
          return;
        }
        sink.next(ProtoMapping.event(e));
      }
    }
  }
}
