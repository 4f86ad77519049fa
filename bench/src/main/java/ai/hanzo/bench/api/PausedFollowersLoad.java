package ai.hanzo.bench.api;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Paused log followers against a running node: deploys a chatty process (numbered lines, 100 a second), opens
 * {@code followers} GetLogs follows whose clients take one line and then read nothing, lets the container write for
 * {@code pause} seconds, and prints the node's threads and resident memory (from {@code /proc/<pid>/status}) before
 * and with the paused followers; then resumes every client and checks that each got every line in order.
 *
 * <p>Start the node with the process runtime and a per-caller stream cap above {@code followers}, e.g.
 * {@code hanzo-node run --runtime process --max-streams-per-caller 2000 --grpc-addr 127.0.0.1:50051}, then run
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.api.PausedFollowersLoad 127.0.0.1:50051 <node pid>
 * [followers=1000] [pause seconds=30]}.
 */
public final class PausedFollowersLoad {
  private static final String DEPLOYMENT = "bench-chatty";
  private static final String CHATTY = "i=0; while true; do seq $i $((i+19)) | sed 's/^/line /'; i=$((i+20)); "
      + "sleep 0.2; done";
  private static final int CHANNELS = 4;

  private PausedFollowersLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PausedFollowersLoad HOST:PORT NODE_PID [followers] [pause seconds]");
      System.exit(2);
    }
    String[] hostPort = args[0].split(":");
    long pid = Long.parseLong(args[1]);
    int followers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int pauseSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < CHANNELS; i++) {
      channels.add(NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
          .build());
    }
    NodeServiceGrpc.NodeServiceBlockingStub node = NodeServiceGrpc.newBlockingStub(channels.get(0));
    List<Follower> open = new ArrayList<>();
    try {
      node.deploy(DeployRequest.newBuilder().setDeploymentId(DEPLOYMENT).setName(DEPLOYMENT)
          .setSpec(ComposeSpec.newBuilder().putServices("app", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(List.of("sh", "-c", CHATTY)).setDeploy(DeploySpec.newBuilder().setReplicas(1))
              .build())).build());
      awaitRunning(node);
      // One follower that reads, so the node's shared pools exist before the first sample.
      Follower warmUp = new Follower();
      warmUp.open(NodeServiceGrpc.newStub(channels.get(0)));
      await(() -> warmUp.received.get() >= 1, 60);
      warmUp.call.cancel("warm-up over", null);
      String before = sample(pid);

      long start = System.nanoTime();
      for (int i = 0; i < followers; i++) {
        Follower f = new Follower();
        open.add(f);
        f.open(NodeServiceGrpc.newStub(channels.get(i % CHANNELS)));
      }
      await(() -> open.stream().allMatch(f -> f.received.get() >= 1 || f.problem.get() != null), 300);
      System.out.printf("%d followers open in %d ms%n", followers, (System.nanoTime() - start) / 1_000_000);
      Thread.sleep(TimeUnit.SECONDS.toMillis(pauseSeconds));
      String paused = sample(pid);
      System.out.printf("node before:                     %s%n", before);
      System.out.printf("node with %5d paused followers: %s%n", followers, paused);

      int target = 100 * pauseSeconds / 2;
      start = System.nanoTime();
      open.forEach(f -> f.call.request(Integer.MAX_VALUE));
      await(() -> open.stream().allMatch(f -> f.received.get() > target || f.problem.get() != null), 600);
      System.out.printf("all resumed followers past line %d in %d ms; %s%n", target,
          (System.nanoTime() - start) / 1_000_000, sample(pid));
      long broken = open.stream().filter(f -> f.problem.get() != null).count();
      open.stream().filter(f -> f.problem.get() != null).limit(3).forEach(f -> System.out.println(f.problem.get()));
      System.out.printf("%d of %d followers saw a gap, a reordering or a failure%n", broken, followers);
    } finally {
      open.forEach(f -> f.call.cancel("bench over", null));
      try {
        node.remove(RemoveRequest.newBuilder().setDeploymentId(DEPLOYMENT).build());
      } finally {
        for (ManagedChannel c : channels) {
          c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static void awaitRunning(NodeServiceGrpc.NodeServiceBlockingStub node) throws InterruptedException {
    await(() -> node.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", DEPLOYMENT)
        .putFilters("status", "running").build()).getContainersCount() == 1, 120);
  }

  private static void await(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  /** Threads and resident memory of the node process. */
  private static String sample(long pid) throws IOException {
    String threads = "?";
    String rss = "?";
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        threads = line.substring("Threads:".length()).trim();
      } else if (line.startsWith("VmRSS:")) {
        rss = line.substring("VmRSS:".length()).trim();
      }
    }
    return "threads " + threads + ", RSS " + rss;
  }

  /** Takes one line, then only what {@code call.request} asks for; checks every line is the next number. */
  private static final class Follower implements ClientResponseObserver<GetLogsRequest, LogEntry> {
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();
    volatile ClientCallStreamObserver<GetLogsRequest> call;

    void open(NodeServiceGrpc.NodeServiceStub stub) {
      stub.getLogs(GetLogsRequest.newBuilder().setDeploymentId(DEPLOYMENT).setFollow(true).build(), this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<GetLogsRequest> requestStream) {
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
  }
}
