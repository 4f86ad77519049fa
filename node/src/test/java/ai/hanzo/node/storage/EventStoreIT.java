package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventStoreIT extends DatabaseFixture {

  @Test
  void returnsEventsSinceAnInstantInAppendOrder() {
    EventStore events = db().events();
    Instant at = START.plusMillis(5);
    events.append(SampleRecords.event(at, "first"));
    events.append(SampleRecords.event(at, "second"));
    events.append(SampleRecords.event(START, "older"));
    events.append(SampleRecords.event(at.plusNanos(500), "later in the same millisecond"));

    assertThat(events.since(at)).extracting(StoredEvent::message)
        .containsExactly("first", "second", "later in the same millisecond");
    assertThat(events.since(at.plusNanos(1))).extracting(StoredEvent::message)
        .containsExactly("later in the same millisecond");
    assertThat(events.since(START, 2)).extracting(StoredEvent::message)
        .containsExactly("older", "first");
  }

  @Test
  void continuesTheSequenceAfterReopen() {
    db().events().append(SampleRecords.event(START, "before restart"));
    EventStore events = reopen().events();
    events.append(SampleRecords.event(START, "after restart"));

    assertThat(events.since(START)).extracting(StoredEvent::message)
        .containsExactly("before restart", "after restart");
  }

  @Test
  void retentionDropsEventsOlderThanTheRetention() {
    EventStore events = db().events();
    events.append(SampleRecords.event(START, "old"));
    events.append(SampleRecords.event(START.plus(Duration.ofHours(2)), "recent"));
    clock.advance(Duration.ofHours(25));

    db().retention().runOnce();

    assertThat(events.since(Instant.EPOCH)).extracting(StoredEvent::message)
        .containsExactly("recent");
  }
}
