package ai.hanzo.node.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopSequenceTest {
  private static final Duration SHORT = Duration.ofMillis(100);

  /** A container that ends on the signals in {@code endsOn} and records every signal it gets. */
  private static final class FakeContainer {
    final List<String> signals = new ArrayList<>();
    final Set<String> endsOn;
    boolean running;

    FakeContainer(boolean running, Set<String> endsOn) {
      this.running = running;
      this.endsOn = endsOn;
    }

    void stop(Duration grace) {
      StopSequence.stop("c1", grace, SHORT, () -> running, name -> {
        signals.add(name);
        running &= !endsOn.contains(name);
      });
    }
  }

  @Test
  void aContainerThatDoesNotRunGetsNoSignal() {
    FakeContainer c = new FakeContainer(false, Set.of("TERM", "KILL"));
    c.stop(Duration.ofSeconds(5));
    assertThat(c.signals).isEmpty();
  }

  @Test
  void aContainerThatEndsOnTermIsNotKilled() {
    FakeContainer c = new FakeContainer(true, Set.of("TERM", "KILL"));
    c.stop(Duration.ofSeconds(5));
    assertThat(c.signals).containsExactly("TERM");
  }

  @Test
  void noGraceMeansOnlyKill() {
    FakeContainer c = new FakeContainer(true, Set.of("TERM", "KILL"));
    c.stop(Duration.ZERO);
    assertThat(c.signals).containsExactly("KILL");
  }

  @Test
  void aContainerIgnoringTermIsKilledAfterTheGrace() {
    FakeContainer c = new FakeContainer(true, Set.of("KILL"));
    long start = System.nanoTime();
    c.stop(SHORT);
    assertThat(c.signals).containsExactly("TERM", "KILL");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
  }

  @Test
  void aContainerSurvivingKillIsATimeoutNamingIt() {
    FakeContainer c = new FakeContainer(true, Set.of());
    assertThatThrownBy(() -> c.stop(SHORT))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.TIMEOUT))
        .hasMessageContaining("container c1 did not end");
    assertThat(c.signals).containsExactly("TERM", "KILL");
  }
}
