package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.StreamLimits;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
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
  private static final String PADDING = "x".repeat(200);
  /** Numbered lines of about 200 bytes, 20 every 0.2 s. */
  private static final String CHATTY = "i=0; while true; do seq $i $((i+19)) | sed 's/^/line /; s/$/ " + PADDING
      + "/'; i=$((i+20)); sleep 0.2; done";
  /** Lines written while the followers are paused (about 60 KiB), beyond what they had when they paused. */
  private static final int LINES_WHILE_PAUSED = 300;

  @TempDir static Path dataDir;
  static NodeApp node;
  static Transport api;
  static WebClient http;
  static ClientFactory factory;

  @BeforeAll
  static void start() throws Exception {
    node = LiveNodes.start(LiveNodes.config("followers-node", dataDir, List.of(), IamConfig.disabled(),
        new StreamLimits(10 * FOLLOWERS, 10 * FOLLOWERS)));
    String grpc = "http://127.0.0.1:" + node.boundPorts().get("grpc");
    api = new GrpcTransport(grpc);
    // HTTP/1.1: one connection per follower, so a follower that reads nothing stalls only its own socket.
    factory = ClientFactory.builder().build();
    http = WebClient.builder("h1c://127.0.0.1:" + node.boundPorts().get("http")).factory(factory)
        .responseTimeoutMillis(0).maxResponseLength(0).build();
    api.deploy(ComputeScenariosIT.deployment(DEPLOYMENT, 1, CHATTY));
    ComputeScenariosIT.awaitRunning(api, DEPLOYMENT, 1);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      try {
        ComputeScenariosIT.removeQuietly(api, DEPLOYMENT);
      } finally {
        factory.close();
        node.stop();
      }
    }
  }

  /**
   * Follows the deployment from its first line over HTTP/1.1 (NDJSON; its own connection) and checks each line is
   * the next number. After the first chunk it reads nothing until resumed: the node then faces a full socket.
   */
  static final class Follower implements Subscriber<HttpObject> {
    private static final Pattern MESSAGE = Pattern.compile("\"message\":\\s*\"([^\"]*)\"");
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Subscription subscription;
    private volatile boolean paused;

    /** @param paused whether it stops reading after its first chunk, until {@link #resume} */
    Follower(boolean paused) {
      this.paused = paused;
    }

    void follow() {
      http.execute(HttpRequest.of(HttpMethod.GET, "/v1/deployments/" + DEPLOYMENT + "/logs?follow=true"))
          .subscribe(this);
    }

    void resume() {
      paused = false;
      subscription.request(1);
    }

    void cancel() {
      Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(HttpObject object) {
      if (object instanceof HttpData data) {
        partial.append(data.toStringUtf8());
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
          line(partial.substring(0, newline));
          partial.delete(0, newline + 1);
        }
      }
      if (!paused || received.get() == 0) {
        subscription.request(1);
      }
    }

    private void line(String json) {
      Matcher m = MESSAGE.matcher(json);
      int expected = received.getAndIncrement();
      if (!m.find() || !m.group(1).equals("line " + expected + " " + PADDING)) {
        problem.compareAndSet(null, "expected 'line " + expected + "', got " + json);
      }
    }

    @Override
    public void onError(Throwable t) {
      problem.compareAndSet(null, "stream failed: " + t);
    }

    @Override
    public void onComplete() {
      problem.compareAndSet(null, "stream completed while the container runs");
    }
  }

  private static int threadsOutsideTheBlockingPool() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith(BLOCKING_POOL)).count();
  }

  @Test
  void pausedFollowersHoldNoThreadAndLaterGetEveryLineInOrder() {
    // One follower first, so the pools every stream uses exist before the count.
    Follower warmUp = new Follower(true);
    warmUp.follow();
    await().atMost(Duration.ofSeconds(60)).until(() -> warmUp.received.get() >= 1);
    warmUp.cancel();
    int before = threadsOutsideTheBlockingPool();
    int beforeAll = ManagementFactory.getThreadMXBean().getThreadCount();

    Follower control = new Follower(false);
    control.follow();
    List<Follower> followers = new ArrayList<>();
    try {
      for (int i = 0; i < FOLLOWERS; i++) {
        Follower f = new Follower(true);
        followers.add(f);
        f.follow();
      }
      await().atMost(Duration.ofSeconds(120))
          .until(() -> followers.stream().allMatch(f -> f.received.get() >= 1 || f.problem.get() != null));
      assertThat(followers).allSatisfy(f -> assertThat(f.problem.get()).isNull());
      // The container goes on writing while they do not read; a follower that reads tells how far it got.
      int mark = control.received.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> control.received.get() > mark + LINES_WHILE_PAUSED);
      int after = threadsOutsideTheBlockingPool();
      int afterAll = ManagementFactory.getThreadMXBean().getThreadCount();
      System.out.printf("threads: %d before, %d with %d paused followers (%d and %d counting Armeria's blocking "
          + "pool)%n", before, after, FOLLOWERS, beforeAll, afterAll);
      assertThat(after - before).as("threads added for %d paused followers", FOLLOWERS)
          .isLessThan(MAX_NEW_THREADS);

      int written = control.received.get();
      followers.forEach(Follower::resume);
      // Every follower gets every line in order, and none lost its connection while paused (the kernel used to
      // abort some after Armeria's TCP user timeout: ApiServers turns it off).
      await().atMost(Duration.ofSeconds(300)).untilAsserted(() -> assertThat(followers).allSatisfy(f -> {
        assertThat(f.problem.get()).isNull();
        assertThat(f.received.get()).isGreaterThanOrEqualTo(written);
      }));
      System.out.printf("%d resumed followers got every line in order%n", FOLLOWERS);
      assertThat(control.problem.get()).isNull();
    } finally {
      followers.forEach(Follower::cancel);
      control.cancel();
    }
  }
}
