package ai.hanzo.bench.compute;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The compute engine's benchmarks, against a node started by {@code bin/hanzo-node run}; run from the repository
 * root as root (runc needs it):
 * <pre>
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench latency process|runc|docker [n]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench many [n]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench runaway [replicas]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench logs [seconds]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench history [lines]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench replicas [n]
 *   java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.ComputeBench status [containers] [seconds] [rounds]
 * </pre>
 * {@code replicas} runs without a node: n process replicas through the runtime in the bench's own JVM, reporting
 * its threads, RSS and create rate every 100.
 */
public final class ComputeBench {
  private static final Duration READY = Duration.ofSeconds(120);

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "latency" -> DeployLatency.run(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 50);
      case "many" -> many(args.length > 1 ? Integer.parseInt(args[1]) : 200);
      case "runaway" -> RunawayRemove.run(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
      case "logs" -> logs(args.length > 1 ? Integer.parseInt(args[1]) : 10);
      case "history" -> history(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
      case "replicas" -> ReplicaThreads.run(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
      case "status" -> LiveStatusLoad.run(args.length > 1 ? Integer.parseInt(args[1]) : 50,
          java.time.Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10),
          args.length > 3 ? Integer.parseInt(args[3]) : 2);
      default -> throw new IllegalArgumentException(
          "usage: ComputeBench latency process|runc|docker [n] | many [n] | runaway [replicas] | logs [s]"
              + " | history [lines] | replicas [n] | status [containers] [seconds] [rounds]");
    }
  }

  static DeployRequest deployment(String id, String image, String... command) {
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id)
        .setSpec(ComposeSpec.newBuilder().putServices("app", ServiceSpec.newBuilder().setImage(image)
            .addAllCommand(List.of(command)).setRestart("always").setDeploy(DeploySpec.newBuilder().setReplicas(1))
            .build()))
        .build();
  }

  static long running(NodeServiceGrpc.NodeServiceBlockingStub node, String deployment) {
    return node.listContainers(ListContainersRequest.newBuilder().putFilters("deployment", deployment).build())
        .getContainersCount();
  }

  /** n process deployments: time to all running, RSS, then kill -9 and the time until all run again. */
  private static void many(int n) throws Exception {
    Path data = Files.createTempDirectory("hanzo-many").resolve("data");
    Set<String> before;
    try (BenchNode node = BenchNode.start(data, "--runtime", "process")) {
      var client = node.awaitReady(READY);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        client.deploy(deployment("many-" + i, "process", "sleep", "3600"));
      }
      awaitAllRunning(client, n);
      double allRunning = (System.nanoTime() - start) / 1e9;
      before = containerIds(client);
      System.out.printf("%d process deployments: all running after %.2f s; node RSS %.1f MB%n", n, allRunning,
          node.rssKb() / 1024.0);
      node.kill9();
    }
    long restart = System.nanoTime();
    try (BenchNode node = BenchNode.start(data, "--runtime", "process")) {
      var client = node.awaitReady(READY);
      double ready = (System.nanoTime() - restart) / 1e9;
      awaitAllRunning(client, n);
      double recovered = (System.nanoTime() - restart) / 1e9;
      Set<String> after = containerIds(client);
      after.retainAll(before);
      System.out.printf("after kill -9 + restart: ready after %.2f s, all %d running again after %.2f s"
          + " (%d of them the same containers, re-adopted); RSS %.1f MB%n", ready, n, recovered, after.size(),
          node.rssKb() / 1024.0);
      for (int i = 0; i < n; i++) {
        client.remove(RemoveRequest.newBuilder().setDeploymentId("many-" + i).build());
      }
    }
  }

  private static void awaitAllRunning(NodeServiceGrpc.NodeServiceBlockingStub client, int n) throws Exception {
    while (client.getStatus(GetStatusRequest.getDefaultInstance()).getDeploymentsList().stream()
        .filter(d -> d.getStatus().equals("running")).count() < n) {
      Thread.sleep(20);
    }
  }

  private static Set<String> containerIds(NodeServiceGrpc.NodeServiceBlockingStub client) {
    return client.listContainers(ListContainersRequest.getDefaultInstance()).getContainersList().stream()
        .map(c -> c.getId()).collect(Collectors.toSet());
  }

  /** Lines per second reaching a following GetLogs client from a container that prints as fast as it can. */
  private static void logs(int seconds) throws Exception {
    Path data = Files.createTempDirectory("hanzo-logs").resolve("data");
    try (BenchNode node = BenchNode.start(data, "--runtime", "process")) {
      var client = node.awaitReady(READY);
      client.deploy(deployment("chatty", "process", "yes", "a log line of some sixty bytes, as services tend to write"));
      while (running(client, "chatty") == 0) {
        Thread.sleep(10);
      }
      try (Context.CancellableContext ctx = Context.current().withCancellation()) {
        List<Long> perSecond = new ArrayList<>();
        ctx.run(() -> {
          Iterator<LogEntry> lines = client.getLogs(GetLogsRequest.newBuilder().setDeploymentId("chatty")
              .setFollow(true).build());
          long warmUpEnd = System.nanoTime() + 2_000_000_000L;
          while (System.nanoTime() < warmUpEnd && lines.hasNext()) {
            lines.next();
          }
          for (int s = 0; s < seconds; s++) {
            long end = System.nanoTime() + 1_000_000_000L;
            long count = 0;
            while (System.nanoTime() < end && lines.hasNext()) {
              lines.next();
              count++;
            }
            perSecond.add(count);
          }
        });
        ctx.cancel(null);
        List<Long> sorted = new ArrayList<>(perSecond);
        Collections.sort(sorted);
        System.out.printf("GetLogs follow: median %d lines/s over %d s (min %d, max %d)%n", sorted.get(seconds / 2),
            seconds, sorted.get(0), sorted.get(seconds - 1));
      }
      client.remove(RemoveRequest.newBuilder().setDeploymentId("chatty").build());
    }
  }

  /**
   * GetLogs of a deployment that printed {@code lines} lines and ended: lines/s of reading them all (median of 5),
   * with two clients. The blocking stub's iterator hands every message from the event loop to the reading thread
   * and asks for the next one only then, so it measures that round trip as much as the node; the async stub takes
   * messages on the event loop with gRPC's own flow control, which shows what the node's read path delivers.
   */
  private static void history(int lines) throws Exception {
    Path data = Files.createTempDirectory("hanzo-history").resolve("data");
    try (BenchNode node = BenchNode.start(data, "--runtime", "process")) {
      var client = node.awaitReady(READY);
      DeployRequest printed = deployment("printed", "process", "sh", "-c", "seq 1 " + lines);
      client.deploy(printed.toBuilder().setSpec(printed.getSpec().toBuilder().putServices("app",
          printed.getSpec().getServicesOrThrow("app").toBuilder().setRestart("no").build())).build());
      GetLogsRequest all = GetLogsRequest.newBuilder().setDeploymentId("printed").build();
      long count = 0;
      while (count < lines) {
        Thread.sleep(200);
        count = 0;
        for (Iterator<LogEntry> it = client.getLogs(all); it.hasNext(); it.next()) {
          count++;
        }
      }
      var async = node.asyncClient();
      report(lines, "blocking iterator", () -> {
        long n = 0;
        for (Iterator<LogEntry> it = client.getLogs(all); it.hasNext(); it.next()) {
          n++;
        }
        return n;
      });
      report(lines, "async observer", () -> {
        CountingObserver observer = new CountingObserver();
        async.getLogs(all, observer);
        return observer.await(READY);
      });
      client.remove(RemoveRequest.newBuilder().setDeploymentId("printed").build());
    }
  }

  private static void report(int lines, String clientName, Callable<Long> read) throws Exception {
    List<Double> rates = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      long start = System.nanoTime();
      long n = read.call();
      if (n != lines) {
        throw new IllegalStateException("read " + n + " lines, expected " + lines);
      }
      rates.add(n / ((System.nanoTime() - start) / 1e9));
    }
    Collections.sort(rates);
    System.out.printf("GetLogs of %d printed lines, %s: median %.0f lines/s over 5 reads (min %.0f, max %.0f)%n",
        lines, clientName, rates.get(2), rates.get(0), rates.get(4));
  }

  /** Counts the messages of one server stream, on the transport's thread. */
  private static final class CountingObserver implements StreamObserver<LogEntry> {
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private long count;

    @Override
    public void onNext(LogEntry value) {
      count++;
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      done.complete(count);
    }

    long await(Duration timeout) throws Exception {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
