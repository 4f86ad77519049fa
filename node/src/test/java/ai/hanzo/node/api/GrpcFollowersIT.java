package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.StreamLimits;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of gRPC GetLogs followers of a chatty container whose clients stop reading (gRPC flow control: they
 * request no more messages), against a real node with the {@code process} runtime: the node's thread count does
 * not grow with them, a fresh caller gets GetStatus at once, and once they read again each gets every line in order.
 * IAM is off and the stream caps are raised, so one caller may hold them all.
 */
class GrpcFollowersIT {
  private static final int FOLLOWERS = 300;
  /** Threads the node may add for any number of followers (its pools grow to their fixed sizes). */
  private static final int MAX_NEW_THREADS = 30;
  private static final String BLOCKING_POOL = "armeria-common-blocking-tasks";
  private static final String DEPLOYMENT = "grpc-chatty";
  private static final String PADDING = "x".repeat(200);
  /** Numbered lines of about 200 bytes, 20 every 0.2 s. */
  private static final String CHATTY = "i=0; while true; do seq $i $((i+19)) | sed 's/^/line /; s/$/ " + PADDING
      + "/'; i=$((i+20)); sleep 0.2; done";
  private static final int LINES_WHILE_PAUSED = 300;
  private static final Duration AT_ONCE = Duration.ofSeconds(3);

  @TempDir static Path dataDir;
  static NodeApp node;
  static String grpcUri;
  static Transport api;
  /** Followers per client connection (a client factory each). */
  private static final int PER_CONNECTION = 30;
  static ClientFactory followersFactory;
  static final List<ClientFactory> connections = new ArrayList<>();
  private static final Duration HANDSHAKE = Duration.ofSeconds(60);

  @BeforeAll
  static void start() throws Exception {
    node = LiveNodes.start(LiveNodes.config("grpc-followers-node", dataDir, List.of(), IamConfig.disabled(),
        new StreamLimits(10 * FOLLOWERS, 10 * FOLLOWERS)));
    grpcUri = "http://127.0.0.1:" + node.boundPorts().get("grpc");
    api = new GrpcTransport(grpcUri);
    // Each stream may hold 64 KiB unread in the client, and a connection's window is large enough for all of its
    // streams, so paused streams do not stall the others.
    followersFactory = followersFactory();
    for (int i = 0; i < FOLLOWERS / PER_CONNECTION; i++) {
      connections.add(followersFactory());
    }
    api.deploy(ComputeScenariosIT.deployment(DEPLOYMENT, 1, CHATTY));
    ComputeScenariosIT.awaitRunning(api, DEPLOYMENT, 1);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      try {
        ComputeScenariosIT.removeQuietly(api, DEPLOYMENT);
      } finally {
        followersFactory.close();
        connections.forEach(ClientFactory::close);
        node.stop();
      }
    }
  }

  /**
   * Armeria's client gives a new connection its connect timeout (3.2 s by default) to finish the HTTP/2 handshake
   * too; on a loaded CI machine the node's two event loops, busy with the other waves, can take longer than that.
   * What this test measures is threads and service, not handshake speed.
   */
  private static ClientFactory followersFactory() {
    return ClientFactory.builder().connectTimeout(HANDSHAKE).http2InitialStreamWindowSize(64 * 1024)
        .http2InitialConnectionWindowSize(64 * 1024 * 1024).build();
  }

  /** Follows from the first line and checks each line is the next number; paused ones stop after the first. */
  static final class Follower implements ClientResponseObserver<GetLogsRequest, LogEntry> {
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();
    private volatile ClientCallStreamObserver<GetLogsRequest> call;
    private volatile boolean paused;

    Follower(boolean paused) {
      this.paused = paused;
    }

    void follow(ClientFactory factory) {
      GrpcClients.builder(grpcUri).factory(factory).responseTimeoutMillis(0).maxResponseLength(0)
          .build(NodeServiceGrpc.NodeServiceStub.class)
          .getLogs(GetLogsRequest.newBuilder().setDeploymentId(DEPLOYMENT).setFollow(true).build(), this);
    }

    void resume() {
      paused = false;
      call.request(Integer.MAX_VALUE);
    }

    void cancel() {
      ClientCallStreamObserver<GetLogsRequest> c = call;
      if (c != null) {
        c.cancel("test over", null);
      }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<GetLogsRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(1);
    }

    @Override
    public void onNext(LogEntry entry) {
      int expected = received.getAndIncrement();
      if (!entry.getMessage().equals("line " + expected + " " + PADDING)) {
        problem.compareAndSet(null, "expected 'line " + expected + "', got '" + entry.getMessage() + "'");
      }
      if (!paused) {
        call.request(1);
      }
    }

    @Override
    public void onError(Throwable t) {
      problem.compareAndSet(null, "stream failed: " + t + (t.getCause() == null ? "" : " (" + t.getCause() + ")"));
    }

    @Override
    public void onCompleted() {
      problem.compareAndSet(null, "stream completed while the container runs");
    }
  }

  private static int threadsOutsideTheBlockingPool() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith(BLOCKING_POOL)).count();
  }

  @Test
  void pausedGrpcFollowersHoldNoThreadAndAFreshCallerIsServedAtOnce() throws Exception {
    Follower warmUp = new Follower(true);
    warmUp.follow(followersFactory);
    await().atMost(Duration.ofSeconds(60)).until(() -> warmUp.received.get() >= 1);
    warmUp.cancel();
    int before = threadsOutsideTheBlockingPool();

    try (ClientFactory controlFactory = ClientFactory.builder().connectTimeout(HANDSHAKE).build()) {
      Follower control = new Follower(false);
      control.follow(controlFactory);
      List<Follower> followers = new ArrayList<>();
      try {
        // In waves, one client connection each: the node answers a burst of new streams at the pace of its two
        // event loops, and a connection made while they are busy may time out in the client.
        for (int i = 0; i < FOLLOWERS; i++) {
          Follower f = new Follower(true);
          followers.add(f);
          f.follow(connections.get(i / PER_CONNECTION));
          if ((i + 1) % PER_CONNECTION == 0) {
            await().atMost(Duration.ofSeconds(120)).until(() -> followers.stream()
                .allMatch(w -> w.received.get() >= 1 || w.problem.get() != null));
          }
        }
        assertThat(followers).allSatisfy(f -> assertThat(f.problem.get()).isNull());
        int mark = control.received.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> control.received.get() > mark + LINES_WHILE_PAUSED);
        int after = threadsOutsideTheBlockingPool();
        System.out.printf("threads: %d before, %d with %d paused gRPC followers%n", before, after, FOLLOWERS);
        assertThat(after - before).as("threads added for %d paused followers", FOLLOWERS)
            .isLessThan(MAX_NEW_THREADS);

        // A fresh caller (the default client factory: a connection of its own) is served at once.
        GrpcTransport fresh = new GrpcTransport(grpcUri);
        assertThat(CompletableFuture.supplyAsync(() -> fresh.status("")).get(AT_ONCE.toMillis(),
            TimeUnit.MILLISECONDS).getDeploymentsList()).isNotEmpty();

        int written = control.received.get();
        followers.forEach(Follower::resume);
        await().atMost(Duration.ofSeconds(300)).untilAsserted(() -> assertThat(followers).allSatisfy(f -> {
          assertThat(f.problem.get()).isNull();
          assertThat(f.received.get()).isGreaterThanOrEqualTo(written);
        }));
        assertThat(control.problem.get()).isNull();
      } finally {
        followers.forEach(Follower::cancel);
        control.cancel();
      }
    }
  }
}
