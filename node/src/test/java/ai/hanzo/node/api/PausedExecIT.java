package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.NodeCapacity;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import com.linecorp.armeria.common.websocket.CloseWebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Exec clients that stop reading while their commands write far more than any buffer holds, against a real engine
 * with the {@code process} runtime: the commands block in their writes (back-pressure reaches the pipe), the node
 * holds no thread per paused exec, and once the clients read again each gets all of its output, in order, and the
 * exit code. A paused client keeps its connection however long it pauses while the node is healthy.
 */
class PausedExecIT {
  private static final int EXECS = 20;
  /** About 4.3 MB each: more than the socket, Armeria's and the relay's buffers together. */
  private static final int LINES = 600_000;
  /** Threads the node may add for any number of paused execs (pools that grow to their fixed sizes). */
  private static final int MAX_NEW_THREADS = 8;
  /** Armeria's shared blocking executor runs exec starts and stdin writes: bounded (200) whatever the load. */
  private static final String BLOCKING_POOL = "armeria-common-blocking-tasks";
  /**
   * The servers' idle timeout, short here. Before the fix Armeria derived TCP_USER_TIMEOUT from it (plus 5 s), and
   * the kernel aborted a connection whose client had not opened its window for that long.
   */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
  /** How long a client stays paused in the connection test: well past both timeouts. */
  private static final Duration PAUSE = Duration.ofSeconds(12);

  @TempDir static Path dataDir;
  static NodeDatabase db;
  static ProcessRuntime runtime;
  static Orchestrator engine;
  static ApiFixture fixture;
  static String container;
  static ClientFactory factory;

  @BeforeAll
  static void start() {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir.resolve("node")));
    runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("containers"), dataDir));
    engine = new Orchestrator(runtime, db.deployments(), db.config(),
        new ai.hanzo.node.events.EventBus(), ApiFixture.SELF_ID, new ComputeSettings(dataDir.resolve("volumes"),
        Duration.ofSeconds(5), Duration.ofMillis(200), NodeCapacity.host()), Clock.systemUTC(), new Random(7));
    fixture = new ApiFixture(dataDir, Optional.of(engine.engine()), IDLE_TIMEOUT);
    var grpc = GrpcClients.newClient(fixture.grpcUri(), NodeServiceGrpc.NodeServiceBlockingStub.class);
    grpc.deploy(DeployRequest.newBuilder().setDeploymentId("shell").setName("shell")
        .setSpec(ComposeSpec.newBuilder().putServices("sh", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "sleep 600")).setDeploy(DeploySpec.newBuilder().setReplicas(1))
            .build()))
        .build());
    await().atMost(Duration.ofSeconds(60)).until(() -> grpc.listContainers(ListContainersRequest.newBuilder()
        .putFilters("deployment", "shell").build()).getContainersCount() == 1);
    container = grpc.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", "shell").build())
        .getContainers(0).getId();
    // A small receive buffer, so a client that does not read stops the node's socket early.
    factory = ClientFactory.builder().channelOption(ChannelOption.SO_RCVBUF, 32 * 1024).build();
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.close();
    }
    fixture.close();
    engine.close();
    TestContainers.removeAll(runtime);
    runtime.close();
    db.close();
  }

  /** One interactive exec over its own WebSocket (HTTP/1.1) that checks its stdout is 1..LINES, one per line. */
  static final class PausedExec implements Subscriber<WebSocketFrame> {
    private static final Pattern STDOUT = Pattern.compile("\"stdout\":\\s*\"([^\"]*)\"");
    private static final Pattern EXIT = Pattern.compile("\"exitCode\":\\s*(\\d+)");
    final AtomicReference<String> problem = new AtomicReference<>();
    volatile long nextLine = 1;
    volatile int frames;
    volatile boolean done;
    volatile int exitCode = -1;
    private final StringBuilder partial = new StringBuilder();
    private volatile Subscription subscription;
    private volatile boolean paused = true;

    /** Starts {@code seq 1 LINES} and reads its first frame. */
    void open() throws Exception {
      WebSocketSession session = WebSocketClient.builder("h1c://127.0.0.1:" + fixture.servers.httpPort())
          .factory(factory).build().connect("/ws/exec/" + container + "?command=seq&command=1&command=" + LINES)
          .get(30, TimeUnit.SECONDS);
      session.inbound().subscribe(this);
      session.outbound().write(WebSocketFrame.ofBinary(new byte[0])); // no stdin
    }

    synchronized void resume() {
      paused = false;
      if (subscription != null) {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public synchronized void onSubscribe(Subscription s) {
      subscription = s;
      s.request(paused ? 1 : Long.MAX_VALUE);
    }

    @Override
    public void onNext(WebSocketFrame frame) {
      try (frame) {
        if (frame.type() == WebSocketFrameType.TEXT) {
          take(frame.text());
        } else if (frame.type() == WebSocketFrameType.CLOSE && !done) {
          problem.compareAndSet(null, "closed before done: " + ((CloseWebSocketFrame) frame).reasonPhrase());
        }
      }
      frames++;
      if (paused && frames == 1) {
        return; // stop reading after the first frame
      }
      if (paused) {
        subscription.request(1);
      }
    }

    private void take(String json) {
      Matcher out = STDOUT.matcher(json);
      if (out.find()) {
        partial.append(new String(Base64.getDecoder().decode(out.group(1)), StandardCharsets.US_ASCII));
        int newline;
        int from = 0;
        while ((newline = partial.indexOf("\n", from)) >= 0) {
          String line = partial.substring(from, newline);
          if (!line.equals(Long.toString(nextLine))) {
            problem.compareAndSet(null, "expected line " + nextLine + ", got '" + line + "'");
          }
          nextLine++;
          from = newline + 1;
        }
        partial.delete(0, from);
      }
      if (json.contains("\"done\": true") || json.contains("\"done\":true")) {
        Matcher exit = EXIT.matcher(json);
        exitCode = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        done = true;
      }
    }

    @Override
    public void onError(Throwable t) {
      problem.compareAndSet(null, "stream failed: " + t);
    }

    @Override
    public void onComplete() {
      if (!done) {
        problem.compareAndSet(null, "ended before done");
      }
    }
  }

  private static int threadsOutsideTheBlockingPool() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith(BLOCKING_POOL)).count();
  }

  /** What each running {@code seq 1 LINES} waits in (its kernel wait channel). */
  private static List<String> waitChannels() {
    List<String> channels = new ArrayList<>();
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      try {
        String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
        if (cmdline.equals("seq\0" + "1\0" + LINES + "\0")) {
          channels.add(Files.readString(Path.of("/proc/" + p.pid() + "/wchan")));
        }
      } catch (java.io.IOException e) {
        // gone meanwhile
      }
    }
    return channels;
  }

  @Test
  void pausedExecClientsHoldNoThreadBlockTheirCommandsAndLaterGetAllOutput() throws Exception {
    // One exec first, so the pools every exec uses exist before the count.
    PausedExec warmUp = new PausedExec();
    warmUp.open();
    warmUp.resume();
    await().atMost(Duration.ofSeconds(120)).until(() -> warmUp.done || warmUp.problem.get() != null);
    assertThat(warmUp.problem.get()).isNull();
    int before = threadsOutsideTheBlockingPool();

    List<PausedExec> execs = new ArrayList<>();
    for (int i = 0; i < EXECS; i++) {
      PausedExec exec = new PausedExec();
      execs.add(exec);
      exec.open();
      // one at a time, so the JVM's process launcher reuses its threads
      await().atMost(Duration.ofSeconds(60)).until(() -> exec.frames >= 1 || exec.problem.get() != null);
    }
    // Back-pressure reaches the commands: each waits in a write to its full pipe.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(waitChannels()).hasSize(EXECS)
        .allSatisfy(channel -> assertThat(channel).contains("pipe")));
    int after = threadsOutsideTheBlockingPool();
    System.out.printf("threads: %d before, %d with %d paused execs%n", before, after, EXECS);
    assertThat(execs).allSatisfy(e -> assertThat(e.problem.get()).isNull());
    assertThat(execs).allSatisfy(e -> assertThat(e.done).as("done while paused").isFalse());
    assertThat(after - before).as("threads added for %d paused execs", EXECS).isLessThan(MAX_NEW_THREADS);

    execs.forEach(PausedExec::resume);
    await().atMost(Duration.ofSeconds(300))
        .until(() -> execs.stream().allMatch(e -> e.done || e.problem.get() != null));
    assertThat(execs).allSatisfy(e -> {
      assertThat(e.problem.get()).isNull();
      assertThat(e.nextLine - 1).as("lines received").isEqualTo(LINES);
      assertThat(e.exitCode).isZero();
    });
  }

  @Test
  void aPausedClientKeepsItsConnectionPastTheIdleAndTcpTimeouts() throws Exception {
    PausedExec exec = new PausedExec();
    exec.open();
    await().atMost(Duration.ofSeconds(60)).until(() -> exec.frames >= 1 || exec.problem.get() != null);
    // Its command is blocked: the node's socket to the client is full, the client's window closed.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(waitChannels()).hasSize(1)
        .allSatisfy(channel -> assertThat(channel).contains("pipe")));
    await().during(PAUSE).atMost(PAUSE.plusSeconds(5)).until(() -> exec.problem.get() == null);
    exec.resume();
    await().atMost(Duration.ofSeconds(120)).until(() -> exec.done || exec.problem.get() != null);
    assertThat(exec.problem.get()).isNull();
    assertThat(exec.nextLine - 1).as("lines received").isEqualTo(LINES);
    assertThat(exec.exitCode).isZero();
  }
}
