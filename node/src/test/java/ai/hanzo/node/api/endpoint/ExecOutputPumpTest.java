package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.NodeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
  void aReaderWaitsWhileTheClientIsBehindAndGoesOnWhenItCatchesUp() throws Exception {
    Gate gate = new Gate();
    ExecOutputPump pump = new ExecOutputPump(gate);
    CountDownLatch delivered = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      pump.next(stdout("data"));
      delivered.countDown();
    });
    reader.start();
    assertThat(delivered.await(200, TimeUnit.MILLISECONDS)).as("delivered to a client that is not ready").isFalse();
    assertThat(gate.sent).isEmpty();
    gate.ready = true;
    pump.ready();
    assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.sent).extracting(m -> m.getStdout().toStringUtf8()).containsExactly("data");
  }

  @Test
  void cancellationReleasesAWaitingReaderWithoutSending() throws Exception {
    Gate gate = new Gate();
    ExecOutputPump pump = new ExecOutputPump(gate);
    CountDownLatch returned = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      pump.next(stdout("late"));
      returned.countDown();
    });
    reader.start();
    pump.cancel();
    assertThat(returned.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.sent).isEmpty();
  }
}
