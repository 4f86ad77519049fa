package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  private final RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(10),
      new Random(7));

  @Test
  void delaysDoubleWithinTheJitterBand() {
    for (int n = 0; n < 6; n++) {
      long full = 100L << n;
      assertThat(backoff.delay(n).toMillis()).as("restart %d", n).isBetween(full / 2, full);
    }
  }

  @Test
  void delaysAreCappedEvenForHugeCounts() {
    for (int n : new int[] {10, 31, 64, Integer.MAX_VALUE}) {
      assertThat(backoff.delay(n).toMillis()).as("restart %d", n).isBetween(5_000L, 10_000L);
    }
  }

  @Test
  void jitterSpreadsReplicasThatCrashTogether() {
    long first = backoff.delay(3).toMillis();
    boolean differs = false;
    for (int i = 0; i < 20 && !differs; i++) {
      differs = backoff.delay(3).toMillis() != first;
    }
    assertThat(differs).isTrue();
  }
}
