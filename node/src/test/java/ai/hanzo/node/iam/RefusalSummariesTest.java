package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalSummariesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aFloodFromOneAddressIsRecordedUpToTheLimitThenCountedInOneSummary() {
    RefusalSummaries refusals = new RefusalSummaries(11, 100);
    List<RefusalSummaries.Summary> due = new ArrayList<>();
    int individually = 0;
    for (int i = 0; i < 3000; i++) {
      if (refusals.admit("10.0.0.1", "GetStatus", T0.plusMillis(i), due)) {
        individually++;
      }
    }
    assertThat(individually).isEqualTo(11);
    assertThat(due).as("the window has not ended").isEmpty();
    assertThat(refusals.drain(T0.plusSeconds(5))).singleElement().satisfies(s -> {
      assertThat(s.address()).isEqualTo("10.0.0.1");
      assertThat(s.refused()).isEqualTo(2989);
      assertThat(s.from()).isEqualTo(T0.plusMillis(11));
      assertThat(s.until()).isEqualTo(T0.plusMillis(2999));
    });
    assertThat(refusals.drain(T0.plusSeconds(6))).as("each refusal is summarised once").isEmpty();
  }

  @Test
  void theSummaryOfAnEndedWindowComesWithTheNextRefusalAndANewWindowStarts() {
    RefusalSummaries refusals = new RefusalSummaries(2, 100);
    List<RefusalSummaries.Summary> due = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      refusals.admit("10.0.0.1", "Deploy", T0.plusSeconds(i), due);
    }
    assertThat(due).isEmpty();
    assertThat(refusals.admit("10.0.0.2", "Deploy", T0.plus(Duration.ofMinutes(1)), due)).isTrue();
    assertThat(due).singleElement().satisfies(s -> assertThat(s.refused()).isEqualTo(3));
    assertThat(refusals.admit("10.0.0.1", "Deploy", T0.plus(Duration.ofMinutes(1)), due))
        .as("a new window for 10.0.0.1").isTrue();
  }

  @Test
  void manyAddressesCostBoundedMemoryAndAreCountedTogetherPastTheBound() {
    RefusalSummaries refusals = new RefusalSummaries(1, 50);
    List<RefusalSummaries.Summary> due = new ArrayList<>();
    int individually = 0;
    for (int i = 0; i < 1000; i++) {
      if (refusals.admit("10.0." + (i / 256) + "." + (i % 256), "GetStatus", T0, due)) {
        individually++;
      }
    }
    assertThat(individually).isEqualTo(50);
    assertThat(refusals.drain(T0)).singleElement().satisfies(s -> {
      assertThat(s.address()).isEqualTo(RefusalSummaries.OTHERS);
      assertThat(s.refused()).isEqualTo(950);
    });
  }
}
