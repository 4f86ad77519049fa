package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.compute.DeploymentService.LogLine;
import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.LogSubscription;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogRelayTest {
  /** A subscription that only counts how often it is woken. */
  private static final class CountingSubscription implements LogSubscription {
    final AtomicInteger wakes = new AtomicInteger();

    @Override
    public CompletableFuture<Void> done() {
      return new CompletableFuture<>();
    }

    @Override
    public void wake() {
      wakes.incrementAndGet();
    }

    @Override
    public void close() {}
  }

  @Test
  void aSubscriptionToldToStopIsWokenOnceTheClientHasTakenTheQueue() {
    GatedSink<LogLine> gate = new GatedSink<>();
    LogRelay relay = new LogRelay(gate);
    CountingSubscription subscription = new CountingSubscription();
    relay.own(subscription);
    LogConsumer consumer = relay.consumer(e -> new LogLine(0, "s", "c", "stdout", e.line()));
    relay.start(new CompletableFuture<>());
    LogEntry entry = new LogEntry(Instant.EPOCH, LogStream.STDOUT, "x");
    while (consumer.wantsMore()) {
      consumer.onEntry(entry);
    }
    assertThat(subscription.wakes).as("not woken while the client is behind").hasValue(0);

    gate.open();
    assertThat(gate.sent).hasSize(LogRelay.WANTED);
    assertThat(subscription.wakes).as("woken once the queue has room again").hasValue(1);
    // A client that keeps up with a subscription that was never refused costs no wake-ups.
    consumer.onEntry(entry);
    assertThat(subscription.wakes).hasValue(1);
    relay.close();
  }
}
