package ai.hanzo.node.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceControllerTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private Service recording(String name) {
    return Service.of(name, () -> calls.add("start " + name), () -> calls.add("stop " + name));
  }

  @Test
  void startsInOrderAndStopsInReverse() throws Exception {
    ServiceController c = new ServiceController(List.of(recording("a"), recording("b"), recording("c")));
    c.start();
    assertThat(c.state()).isEqualTo(ControllerState.RUNNING);
    c.stop();
    assertThat(calls).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    assertThat(c.state()).isEqualTo(ControllerState.STOPPED);
  }

  @Test
  void whatTheServicesWereBuiltOverClosesAfterTheLastOfThemStopped() throws Exception {
    ServiceController c = new ServiceController(List.of(recording("a"), recording("b")),
        () -> calls.add("close storage"));
    c.start();
    c.stop();
    c.stop();
    assertThat(calls).containsExactly("start a", "start b", "stop b", "stop a", "close storage");
  }

  @Test
  void aFailedStartClosesWhatTheServicesWereBuiltOverAfterTheRollback() {
    Service broken = Service.of("p2p", () -> {
      throw new IllegalStateException("port taken");
    }, () -> calls.add("stop p2p"));
    ServiceController c = new ServiceController(List.of(recording("a"), broken), () -> calls.add("close storage"));

    assertThatThrownBy(c::start).isInstanceOf(StartupException.class);
    c.stop();
    assertThat(calls).containsExactly("start a", "stop a", "close storage");
  }

  @Test
  void failedStartRollsBackTheStartedOnesAndNamesTheService() {
    Service broken = Service.of("db", () -> {
      throw new IllegalStateException("disk on fire");
    }, () -> calls.add("stop db"));
    ServiceController c = new ServiceController(List.of(recording("a"), broken, recording("c")));

    assertThatThrownBy(c::start).isInstanceOf(StartupException.class)
        .hasMessage("service 'db' failed to start: disk on fire");
    assertThat(calls).containsExactly("start a", "stop a");
    assertThat(c.state()).isEqualTo(ControllerState.FAILED);
  }

  @Test
  void startThatHangsTimesOutAndRollsBack() {
    CountDownLatch never = new CountDownLatch(1);
    Service hanging = new Service() {
      public String name() {
        return "slow";
      }

      public void start() throws Exception {
        never.await();
      }

      public void stop() {
        calls.add("stop slow");
      }

      public Duration startTimeout() {
        return Duration.ofMillis(100);
      }
    };
    ServiceController c = new ServiceController(List.of(recording("a"), hanging));
    assertThatThrownBy(c::start).isInstanceOf(StartupException.class).hasMessageContaining("'slow'")
        .hasMessageContaining("timed out");
    assertThat(calls).containsExactly("start a", "stop a");
  }

  @Test
  void stopThatHangsDoesNotBlockTheOthers() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Service stuck = new Service() {
      public String name() {
        return "stuck";
      }

      public void start() {}

      public void stop() throws Exception {
        never.await();
      }

      public Duration stopTimeout() {
        return Duration.ofMillis(100);
      }
    };
    ServiceController c = new ServiceController(List.of(recording("a"), stuck));
    c.start();
    c.stop();
    assertThat(calls).containsExactly("start a", "stop a");
    assertThat(c.state()).isEqualTo(ControllerState.STOPPED);
  }

  @Test
  void failingStopIsLoggedAndTheRestStillStop() throws Exception {
    Service failing = Service.of("f", () -> {}, () -> {
      throw new IllegalStateException("boom");
    });
    ServiceController c = new ServiceController(List.of(recording("a"), failing));
    c.start();
    c.stop();
    assertThat(calls).containsExactly("start a", "stop a");
  }

  @Test
  void stopIsIdempotent() throws Exception {
    ServiceController c = new ServiceController(List.of(recording("a")));
    c.start();
    c.stop();
    c.stop();
    assertThat(calls).containsExactly("start a", "stop a");
  }

  @Test
  void cannotStartTwice() throws Exception {
    ServiceController c = new ServiceController(List.of(recording("a")));
    c.start();
    assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class);
    c.stop();
  }

  @Test
  void stateIsStoppingWhileServicesStop() throws Exception {
    List<ControllerState> seen = new CopyOnWriteArrayList<>();
    ServiceController[] holder = new ServiceController[1];
    holder[0] = new ServiceController(List.of(Service.of("a", () -> {}, () -> seen.add(holder[0].state()))));
    holder[0].start();
    holder[0].stop();
    assertThat(seen).containsExactly(ControllerState.STOPPING);
  }
}
