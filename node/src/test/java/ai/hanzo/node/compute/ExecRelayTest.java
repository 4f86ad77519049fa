package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecRelayTest {
  /** The exec output a test's transport was sent. */
  static final class Gate extends GatedSink<ExecChunk> {
    String stdout() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      sent.forEach(c -> all.writeBytes(c.stdout()));
      return all.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  /** A runtime session that counts how often it was asked to read again. */
  static class FakeSession implements ExecSession {
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final AtomicInteger resumes = new AtomicInteger();

    @Override
    public OutputStream stdin() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
      return exit;
    }

    @Override
    public void resume() {
      resumes.incrementAndGet();
    }

    @Override
    public void close() {}
  }

  @Test
  void aClientThatIsBehindMakesTheRuntimeStopReadingAndLaterGetsEverythingThenTheExitCode() {
    Gate gate = new Gate();
    ExecRelay relay = new ExecRelay(gate);
    FakeSession session = new FakeSession();
    relay.attach(session);
    ExecOutput output = relay.output();
    StringBuilder written = new StringBuilder();
    int chunks = 0;
    while (output.wantsMore()) {
      String chunk = String.format("%07d\n", chunks++).repeat(512);
      written.append(chunk);
      output.onOutput(LogStream.STDOUT, chunk.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertThat(written.length()).as("bytes taken before the runtime is told to stop")
        .isGreaterThanOrEqualTo(ExecRelay.WANTED_BYTES).isLessThan(ExecRelay.WANTED_BYTES + 8 * 512 * 2);
    assertThat(gate.sent).isEmpty();
    session.exit.complete(3);
    int resumesBefore = session.resumes.get();

    gate.open();
    assertThat(session.resumes.get()).as("asked to read again").isGreaterThan(resumesBefore);
    assertThat(output.wantsMore()).isTrue();
    assertThat(gate.stdout()).isEqualTo(written.toString());
    assertThat(gate.sent.get(gate.sent.size() - 1)).satisfies(last -> {
      assertThat(last.done()).isTrue();
      assertThat(last.exitCode()).isEqualTo(3);
    });
    assertThat(gate.completed).isTrue();
    assertThat(gate.sent).allSatisfy(c -> assertThat(c.stdout().length).isLessThanOrEqualTo(
        ExecRelay.MAX_MESSAGE_BYTES));
  }

  @Test
  void aLargeChunkIsSplitIntoMessagesOfAtMostTheLimit() {
    Gate gate = new Gate();
    ExecRelay relay = new ExecRelay(gate);
    FakeSession session = new FakeSession();
    relay.attach(session);
    byte[] big = new byte[ExecRelay.MAX_MESSAGE_BYTES * 2 + 5];
    java.util.Arrays.fill(big, (byte) 'z');
    relay.output().onOutput(LogStream.STDOUT, big);
    session.exit.complete(0);
    gate.open();
    assertThat(gate.stdout()).hasSize(big.length);
    assertThat(gate.sent).allSatisfy(c -> assertThat(c.stdout().length).isLessThanOrEqualTo(
        ExecRelay.MAX_MESSAGE_BYTES));
  }

  @Test
  void stdoutAndStderrKeepTheirOrder() {
    Gate gate = new Gate();
    ExecRelay relay = new ExecRelay(gate);
    ExecOutput output = relay.output();
    output.onOutput(LogStream.STDOUT, new byte[] {'a'});
    output.onOutput(LogStream.STDERR, new byte[] {'b'});
    output.onOutput(LogStream.STDOUT, new byte[] {'c'});
    output.onOutput(LogStream.STDOUT, new byte[] {'d'});
    FakeSession session = new FakeSession();
    relay.attach(session);
    session.exit.complete(0);
    gate.open();
    assertThat(gate.sent).extracting(c -> new String(c.stdout()) + "|" + new String(c.stderr()))
        .containsExactly("a|", "|b", "cd|", "|");
  }

  @Test
  void closingDropsQueuedOutputAndClosesTheSession() {
    Gate gate = new Gate();
    ExecRelay relay = new ExecRelay(gate);
    AtomicInteger closed = new AtomicInteger();
    FakeSession session = new FakeSession() {
      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
    relay.attach(session);
    relay.output().onOutput(LogStream.STDOUT, new byte[] {'x'});
    relay.close();
    assertThat(relay.output().wantsMore()).isFalse();
    gate.open();
    assertThat(gate.sent).isEmpty();
    assertThat(closed).hasValue(1);
  }
}
