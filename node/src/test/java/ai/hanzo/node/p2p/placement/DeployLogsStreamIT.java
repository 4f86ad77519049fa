package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.placement.wire.ProtoLogsCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code /hanzo/deploy-logs/1.0.0} between two real libp2p hosts over TCP, Noise and Yamux, with the node's real
 * server, client and codec. The target's service is a producer that writes entries as long as the stream has room
 * (as the engine's log relay does), so the test sees what flow control lets through: a caller that reads gets every
 * entry and the end; a caller that never reads stops the producer after a bounded amount, and the target resets the
 * stalled stream and closes the producer; a refusal reaches the caller with its code.
 */
class DeployLogsStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration STALL = Duration.ofSeconds(1);
  private static final LogsCall CALL = new LogsCall(GetLogsRequest.newBuilder().setDeploymentId("gold")
      .setFollow(true).build().toByteArray(), "apikey:it", "acme");

  @Test
  void aReadingCallerGetsEveryEntryAndTheEnd() throws Exception {
    Producer producer = new Producer(500);
    try (Pair pair = new Pair(producer)) {
      Downstream down = new Downstream(true);
      pair.client.open(pair.target.peerId().toString(), List.of(), CALL, down);
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("complete");
      assertThat(down.received.get()).isEqualTo(500);
      assertThat(producer.seenCall.get().callerOrg()).isEqualTo("acme");
      assertThat(producer.seenPeer.get()).isEqualTo(pair.caller.peerId().toString());
    }
  }

  @Test
  void aCallerThatNeverReadsHoldsNothingOnTheTargetPastTheStallTime() throws Exception {
    Producer producer = new Producer(Integer.MAX_VALUE);
    try (Pair pair = new Pair(producer)) {
      Downstream down = new Downstream(false);
      pair.client.open(pair.target.peerId().toString(), List.of(), CALL, down);
      // The producer stops once the stream is full, then the target gives the stream up and closes it.
      assertThat(producer.closed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(producer.written.get()).as("entries written before flow control stopped the producer")
          .isLessThan(200_000);
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("UNAVAILABLE");
    }
  }

  @Test
  void aRefusalReachesTheCallerWithItsCode() throws Exception {
    LogsService refusing = (peer, call, sink) -> {
      sink.fail(ErrorCode.PERMISSION_DENIED, "peer lacks logs:read");
      return () -> { };
    };
    try (Pair pair = new Pair(refusing)) {
      Downstream down = new Downstream(true);
      pair.client.open(pair.target.peerId().toString(), List.of(), CALL, down);
      assertThat(down.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo("PERMISSION_DENIED peer lacks logs:read");
      assertThat(down.received.get()).isZero();
    }
  }

  /** A target host serving the protocol and a caller host with the client, connected over loopback. */
  private static final class Pair implements AutoCloseable {
    final Host target = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
    final Host caller = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
    final DeployLogsServer server;
    final DeployLogsClient client;

    Pair(LogsService service) throws Exception {
      Multiaddr address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      caller.peerStore().addAddresses(target.peerId(), List.of(address));
      server = new DeployLogsServer(target, service, new ProtoLogsCodec(), STALL);
      server.start();
      client = new DeployLogsClient(caller, new ProtoLogsCodec());
    }

    @Override
    public void close() throws Exception {
      server.close();
      caller.close();
      target.close();
    }
  }

  /** Writes up to {@code limit} entries of 1 KiB while the sink is ready, waiting for its callback otherwise. */
  private static final class Producer implements LogsService {
    final int limit;
    final AtomicInteger written = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicReference<LogsCall> seenCall = new AtomicReference<>();
    final AtomicReference<String> seenPeer = new AtomicReference<>();

    Producer(int limit) {
      this.limit = limit;
    }

    @Override
    public AutoCloseable open(String peerId, LogsCall call, LogsSink sink) {
      seenPeer.set(peerId);
      seenCall.set(call);
      AtomicBoolean stop = new AtomicBoolean();
      Semaphore room = new Semaphore(0);
      sink.onReady(room::release);
      byte[] entry = LogEntry.newBuilder().setService("web").setMessage("x".repeat(1024)).build().toByteArray();
      Thread t = new Thread(() -> {
        try {
          while (!stop.get() && written.get() < limit) {
            if (sink.isReady()) {
              sink.next(entry);
              written.incrementAndGet();
            } else {
              room.tryAcquire(100, TimeUnit.MILLISECONDS);
            }
          }
          if (!stop.get()) {
            sink.complete();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "logs-producer");
      t.setDaemon(true);
      t.start();
      return () -> {
        stop.set(true);
        closed.countDown();
      };
    }
  }

  /** The placing node's caller: counts entries, records how the stream ended; {@code reads} false: never ready. */
  private static final class Downstream implements LogsSink {
    final boolean reads;
    final AtomicInteger received = new AtomicInteger();
    final CompletableFuture<String> ended = new CompletableFuture<>();

    Downstream(boolean reads) {
      this.reads = reads;
    }

    @Override
    public boolean isReady() {
      return reads;
    }

    @Override
    public void onReady(Runnable callback) {
      // Never called back when not reading: the caller stays full.
    }

    @Override
    public void next(byte[] entry) {
      received.incrementAndGet();
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
