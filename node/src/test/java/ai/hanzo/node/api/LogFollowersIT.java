package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.StreamLimits;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of log followers of a chatty container whose clients stop reading, against a real node with the
 * {@code process} runtime: they hold no thread each, and once their clients read again each gets every line, in
 * order, without a gap (the log files were the buffer).
 */
class LogFollowersIT {
  private static final int FOLLOWERS = 300;
  /** Threads the node may add for any number of followers (its pools grow to their fixed sizes). */
  private static final int MAX_NEW_THREADS = 30;
  /** Armeria's shared blocking executor, which runs every @Blocking call: bounded (200) whatever the load. */
  private static final String BLOCKING_POOL = "armeria-common-blocking-tasks";
  private static final String DEPLOYMENT = "chatty";
  /** Numbered lines, 20 every 0.2 s. */
  private static final String CHATTY = "i=0; while true; do seq $i $((i+19)) | sed 's/^/line /'; i=$((i+20)); "
      + "sleep 0.2; done";

  @TempDir static Path dataDir;
  static NodeApp node;
  static Transport api;
  static NodeServiceGrpc.NodeServiceStub stub;

  @BeforeAll
  static void start() throws Exception {
    node = LiveNodes.start(LiveNodes.config("followers-node", dataDir, List.of(), IamConfig.disabled(),
        new StreamLimits(10 * FOLLOWERS, 10 * FOLLOWERS)));
    String grpc = "http://127.0.0.1:" + node.boundPorts().get("grpc");
    api = new GrpcTransport(grpc);
    stub = GrpcClients.builder(grpc).responseTimeoutMillis(0).build(NodeServiceGrpc.NodeServiceStub.class);
    api.deploy(ComputeScenariosIT.deployment(DEPLOYMENT, 1, CHATTY));
    ComputeScenariosIT.awaitRunning(api, DEPLOYMENT, 1);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      try {
        ComputeScenariosIT.removeQuietly(api, DEPLOYMENT);
      } finally {
        node.stop();
      }
    }
  }

  /**
   * Follows the deployment from its first line and checks each line is the next number; reads only what the test
   * requests.
   */
  static final class Follower implements ClientResponseObserver<Object, LogEntry> {
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();
    volatile ClientCallStreamObserver<Object> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(1);
    }

    @Override
    public void onNext(LogEntry entry) {
      int expected = received.getAndIncrement();
      if (!entry.getMessage().equals("line " + expected)) {
        problem.compareAndSet(null, "expected 'line " + expected + "', got '" + entry.getMessage() + "'");
      }
    }

    @Override
    public void onError(Throwable t) {
      problem.compareAndSet(null, "stream failed: " + t);
    }

    @Override
    public void onCompleted() {
      problem.compareAndSet(null, "stream completed while the container runs");
    }

    void follow() {
      @SuppressWarnings({"unchecked", "rawtypes"})
      io.grpc.stub.StreamObserver<LogEntry> observer = (io.grpc.stub.StreamObserver) this;
      stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId(DEPLOYMENT).setFollow(true).build(), observer);
    }
  }

  private static int threadsOutsideTheBlockingPool() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith(BLOCKING_POOL)).count();
  }

  @Test
  void pausedFollowersHoldNoThreadAndLaterGetEveryLineInOrder() {
    // One follower first, so the pools every stream uses exist before the count.
    Follower warmUp = new Follower();
    warmUp.follow();
    await().atMost(Duration.ofSeconds(60)).until(() -> warmUp.received.get() == 1);
    warmUp.call.cancel("warm-up over", null);
    int before = threadsOutsideTheBlockingPool();
    int beforeAll = ManagementFactory.getThreadMXBean().getThreadCount();

    List<Follower> followers = new ArrayList<>();
    try {
      for (int i = 0; i < FOLLOWERS; i++) {
        Follower f = new Follower();
        followers.add(f);
        f.follow();
      }
      await().atMost(Duration.ofSeconds(120))
          .until(() -> followers.stream().allMatch(f -> f.received.get() == 1 || f.problem.get() != null));
      assertThat(followers).allSatisfy(f -> assertThat(f.problem.get()).isNull());
      // The container goes on writing while nobody reads: 400 more lines.
      await().atMost(Duration.ofSeconds(60)).until(() -> api.logs(GetLogsRequest.newBuilder()
          .setDeploymentId(DEPLOYMENT).setTail(1).build()).stream().anyMatch(e -> lineNumber(e) >= 400));

      int after = threadsOutsideTheBlockingPool();
      int afterAll = ManagementFactory.getThreadMXBean().getThreadCount();
      System.out.printf("threads: %d before, %d with %d paused followers (%d and %d counting Armeria's blocking "
          + "pool)%n", before, after, FOLLOWERS, beforeAll, afterAll);
      assertThat(after - before).as("threads added for %d paused followers", FOLLOWERS)
          .isLessThan(MAX_NEW_THREADS);

      followers.forEach(f -> f.call.request(Integer.MAX_VALUE));
      await().atMost(Duration.ofSeconds(300)).untilAsserted(() -> assertThat(followers).allSatisfy(f -> {
        assertThat(f.problem.get()).isNull();
        assertThat(f.received.get()).isGreaterThan(400);
      }));
    } finally {
      followers.forEach(f -> f.call.cancel("test over", null));
    }
  }

  private static int lineNumber(LogEntry e) {
    return Integer.parseInt(e.getMessage().substring("line ".length()));
  }
}
