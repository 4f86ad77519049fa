package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.NodeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecOutputPumpTest {
  /** A transport whose readiness the test switches. */
  static final class Gate implements MessageSink<ExecOutput> {
    volatile boolean ready;
    final List<ExecOutput> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void next(ExecOutput message) {
      sent.add(message);
    }

    @Override
    public void complete() {}

    @Override
    public void fail(NodeException error) {}
  }

  private static ExecChunk stdout(String s) {
    return new ExecChunk(s.getBytes(StandardCharsets.UTF_8), new byte[0], 0, false);
  }

  @Test
  void aClientThatIsBehindHoldsNoThreadAndTheProducerGoesOnWhenItCatchesUp() {
    Gate gate = new Gate();
    ExecOutputPump pump = new ExecOutputPump(gate);
    AtomicInteger resumed = new AtomicInteger();
    assertThat(pump.isReady()).isFalse();
    pump.whenReady(resumed::incrementAndGet);
    assertThat(resumed).as("resumed while the client is behind").hasValue(0);
    gate.ready = true;
    pump.ready();
    assertThat(resumed).hasValue(1);
    pump.ready();
    assertThat(resumed).as("a callback runs once").hasValue(1);
    pump.nextAll(List.of(stdout("a"), stdout("b")));
    assertThat(gate.sent).extracting(m -> m.getStdout().toStringUtf8()).containsExactly("a", "b");
  }

  @Test
  void aCallbackGivenWhileTheClientIsAlreadyReadyRunsAtOnce() {
    Gate gate = new Gate();
    gate.ready = true;
    ExecOutputPump pump = new ExecOutputPump(gate);
    AtomicInteger resumed = new AtomicInteger();
    pump.whenReady(resumed::incrementAndGet);
    assertThat(resumed).hasValue(1);
  }

  @Test
  void cancellationDropsWhatIsStillOnItsWay() {
    Gate gate = new Gate();
    gate.ready = true;
    ExecOutputPump pump = new ExecOutputPump(gate);
    pump.cancel();
    assertThat(pump.isReady()).isFalse();
    pump.next(stdout("late"));
    pump.nextAll(List.of(stdout("later")));
    assertThat(gate.sent).isEmpty();
  }
}
