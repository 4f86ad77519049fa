package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.placement.wire.ProtoExecCodec;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code /hanzo/deploy-exec/1.0.0} between two real libp2p hosts over TCP, Noise and Yamux, with the node's real
 * server, client and codec; the target's service is a command stand-in (stdin echoed to stdout, a line on stderr and
 * exit code 3 at end of input), so the test sees the session both ways: stdin larger than a frame arrives whole and
 * in order with the exit code after it; a refusal reaches the caller with its code; a caller that never reads its
 * output has its session reset by the target after the stall time (the command is closed); a target that goes away
 * mid-session ends the caller's stream with UNAVAILABLE within a bound, never a hang.
 */
class DeployExecStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration STALL = Duration.ofSeconds(1);

  @Test
  void stdinTravelsWholeAndTheExitCodeAndStderrComeBack() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("DeployExecStreamIT seed " + seed);
    byte[] stdin = new byte[200_000];
    new Random(seed).nextBytes(stdin);
    Echo echo = new Echo(false);
    try (Pair pair = new Pair(echo)) {
      Collector down = new Collector(true);
      ExecService.Session s = pair.client.open(pair.target.peerId().toString(), List.of(), start(), down);
      s.stdin(stdin);
      s.endOfInput();
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("complete");
      assertThat(down.stdout.toByteArray()).isEqualTo(stdin);
      assertThat(down.stderr.toString()).isEqualTo("bye\n");
      assertThat(down.exitCode.get()).isEqualTo(3);
      assertThat(echo.seenPeer.get()).isEqualTo(pair.caller.peerId().toString());
      assertThat(echo.seenStart.get().callerOrg()).isEqualTo("acme");
    }
  }

  @Test
  void resizesArriveInOrderWithStdin() throws Exception {
    try (Pair pair = new Pair(new Echo(false))) {
      Collector down = new Collector(true);
      ExecService.Session s = pair.client.open(pair.target.peerId().toString(), List.of(), start(), down);
      s.stdin("a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.resize(50, 132);
      s.stdin("b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.resize(10_000, 1);
      s.endOfInput();
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("complete");
      assertThat(down.stdout.toString()).isEqualTo("a[50x132]b[10000x1]");
    }
  }

  @Test
  void aSessionWhoseInputEndsAtOnceStillStartsAndGetsItsExitCode() throws Exception {
    // The start and the half-close may arrive with the protocol's negotiation, before the handler reads.
    for (int i = 0; i < 20; i++) {
      try (Pair pair = new Pair(new Echo(false))) {
        Collector down = new Collector(true);
        pair.client.open(pair.target.peerId().toString(), List.of(), start(), down).endOfInput();
        assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("complete");
        assertThat(down.exitCode.get()).isEqualTo(3);
      }
    }
  }

  @Test
  void aRefusalReachesTheCallerWithItsCode() throws Exception {
    ExecService refusing = (peer, start, sink) -> {
      sink.fail(ErrorCode.PERMISSION_DENIED, "peer lacks container:execute");
      return null;
    };
    try (Pair pair = new Pair(refusing)) {
      Collector down = new Collector(true);
      pair.client.open(pair.target.peerId().toString(), List.of(), start(), down);
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo("PERMISSION_DENIED peer lacks container:execute");
    }
  }

  @Test
  void aCallerThatNeverReadsHasItsSessionResetAfterTheStallTime() throws Exception {
    Echo flood = new Echo(true);
    try (Pair pair = new Pair(flood)) {
      Collector down = new Collector(false);
      pair.client.open(pair.target.peerId().toString(), List.of(), start(), down);
      assertThat(flood.closed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the command is closed").isTrue();
      assertThat(flood.written.get()).as("outputs written before flow control stopped the command")
          .isLessThan(100_000);
    }
  }

  @Test
  void aTargetThatGoesAwayEndsTheSessionWithUnavailable() throws Exception {
    Echo echo = new Echo(false);
    Pair pair = new Pair(echo);
    try {
      Collector down = new Collector(true);
      ExecService.Session s = pair.client.open(pair.target.peerId().toString(), List.of(), start(), down);
      s.stdin("hello".getBytes());
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> down.stdout.size() == 5);
      long before = System.nanoTime();
      pair.closeTarget();
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("UNAVAILABLE");
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    } finally {
      pair.close();
    }
  }

  private static ExecStart start() {
    return new ExecStart(ExecInput.newBuilder().setContainerId("c1").addCommand("cat").build().toByteArray(),
        "apikey:it", "acme");
  }

  /** A target host serving the protocol and a caller host with the client, connected over loopback. */
  private static final class Pair implements AutoCloseable {
    final Host target = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
    final Host caller = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
    final DeployExecServer server;
    final DeployExecClient client;

    Pair(ExecService service) throws Exception {
      Multiaddr address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      caller.peerStore().addAddresses(target.peerId(), List.of(address));
      server = new DeployExecServer(target, service, new ProtoExecCodec(), STALL);
      server.start();
      client = new DeployExecClient(caller, new ProtoExecCodec());
    }

    private boolean targetClosed;

    /** The target goes away: its host closes, and with it the connection. */
    void closeTarget() {
      targetClosed = true;
      server.close();
      target.close();
    }

    @Override
    public void close() throws Exception {
      caller.close();
      if (!targetClosed) {
        server.close();
        target.close();
      }
    }
  }

  /**
   * Echoes stdin to stdout and at end of input writes "bye" to stderr and exits 3; with {@code flood} it writes 1 KiB
   * outputs for as long as the sink is ready instead, as a command that prints without end.
   */
  private static final class Echo implements ExecService {
    final boolean flood;
    final AtomicInteger written = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicReference<String> seenPeer = new AtomicReference<>();
    final AtomicReference<ExecStart> seenStart = new AtomicReference<>();

    Echo(boolean flood) {
      this.flood = flood;
    }

    @Override
    public Session open(String peerId, ExecStart start, ExecSink sink) {
      seenPeer.set(peerId);
      seenStart.set(start);
      AtomicBoolean stop = new AtomicBoolean();
      if (flood) {
        byte[] out = ExecOutput.newBuilder().setStdout(ByteString.copyFrom(new byte[1024])).build().toByteArray();
        Thread t = new Thread(() -> {
          while (!stop.get()) {
            if (sink.isReady()) {
              sink.next(out);
              written.incrementAndGet();
            } else {
              CountDownLatch room = new CountDownLatch(1);
              sink.whenReady(room::countDown);
              try {
                room.await(100, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                return;
              }
            }
          }
        }, "exec-flood");
        t.setDaemon(true);
        t.start();
      }
      return new Session() {
        @Override
        public void stdin(byte[] data) {
          sink.next(ExecOutput.newBuilder().setStdout(ByteString.copyFrom(data)).build().toByteArray());
        }

        @Override
        public void resize(int rows, int cols) {
          sink.next(ExecOutput.newBuilder().setStdout(ByteString.copyFromUtf8("[" + rows + "x" + cols + "]")).build()
              .toByteArray());
        }

        @Override
        public void endOfInput() {
          sink.next(ExecOutput.newBuilder().setStderr(ByteString.copyFromUtf8("bye\n")).build().toByteArray());
          sink.next(ExecOutput.newBuilder().setExitCode(3).setDone(true).build().toByteArray());
          sink.complete();
        }

        @Override
        public void onReady() {}

        @Override
        public void close() {
          stop.set(true);
          closed.countDown();
        }
      };
    }
  }

  /** The placing node's caller: gathers output, records how the session ended; {@code reads} false: never ready. */
  private static final class Collector implements ExecSink {
    final boolean reads;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final AtomicInteger exitCode = new AtomicInteger(-1);
    final CompletableFuture<String> ended = new CompletableFuture<>();

    Collector(boolean reads) {
      this.reads = reads;
    }

    @Override
    public boolean isReady() {
      return reads;
    }

    @Override
    public void whenReady(Runnable callback) {
      // Never called back when not reading: the caller stays full.
    }

    @Override
    public synchronized void next(byte[] output) {
      try {
        ExecOutput o = ExecOutput.parseFrom(output);
        stdout.writeBytes(o.getStdout().toByteArray());
        stderr.writeBytes(o.getStderr().toByteArray());
        if (o.getDone()) {
          exitCode.set(o.getExitCode());
        }
      } catch (InvalidProtocolBufferException e) {
        ended.complete("unreadable " + e);
      }
    }

    @Override
    public void complete() {
      ended.complete("complete");
    }

    @Override
    public void fail(ErrorCode code, String message) {
      ended.complete(code + " " + message);
    }
  }
}
