package ai.hanzo.bench.compute;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.bench.api.BareGrpcStatusServer;
import ai.hanzo.bench.api.LatencyRecorder;
import ai.hanzo.bench.api.LoadDriver;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * GetStatus of a whole node (started by {@code bin/hanzo-node run} on the docker runtime, against Podman's
 * Docker-compatible API) side by side with a bare grpc-java server on {@code directExecutor()} that answers the
 * node's own answer (the same message, so both serialize the same bytes), same client, same run: first with no
 * container, then with {@code containers} busybox containers running. It shows that GetStatus reads the reconciler's
 * snapshot, not the engine (issue 12 item 5; target node / bare >= 0.7 in both rows). Run as root from the
 * repository root: {@code ComputeBench status [containers=50] [seconds=10] [rounds=2]}.
 */
final class LiveStatusLoad {
  private static final int CALLERS = 16;
  private static final String IMAGE = "localhost/busybox:status";
  private static final Duration WARMUP = Duration.ofSeconds(5);

  private LiveStatusLoad() {}

  static void run(int containers, Duration measure, int rounds) throws Exception {
    Path base = Files.createTempDirectory("hanzo-status");
    try (PodmanApi podman = PodmanApi.start(base.resolve("podman"))) {
      podman.podman(base, "import", DeployLatency.busyboxRootfsTar(base).toString(), IMAGE);
      try (BenchNode node = BenchNode.start(base.resolve("data"), "--runtime", "docker", "--docker-host",
          podman.dockerHost()); BareGrpcStatusServer bare = new BareGrpcStatusServer(true)) {
        var client = node.awaitReady(Duration.ofSeconds(120));
        ManagedChannel toNode = channel(node.grpcPort());
        ManagedChannel toBare = channel(bare.port());
        var nodeStub = NodeServiceGrpc.newBlockingStub(toNode);
        var bareStub = NodeServiceGrpc.newBlockingStub(toBare);
        System.out.printf("GetStatus, %d concurrent callers, %s warm-up + %s measured per row, %d rounds%n", CALLERS,
            WARMUP, measure, rounds);
        System.out.printf("%-44s %10s %10s %10s%n", "target", "QPS", "p50 (us)", "p99 (us)");
        compare(nodeStub, bare, bareStub, "no container", measure, rounds);
        client.deploy(DeployRequest.newBuilder().setDeploymentId("status").setName("status")
            .setSpec(ComposeSpec.newBuilder().putServices("app", ServiceSpec.newBuilder().setImage(IMAGE)
                .addAllCommand(List.of("sleep", "3600")).setRestart("always")
                .setDeploy(DeploySpec.newBuilder().setReplicas(containers)).build()))
            .build());
        long start = System.nanoTime();
        while (ComputeBench.running(client, "status") < containers) {
          if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
            throw new IllegalStateException("the containers did not all start; see " + base);
          }
          Thread.sleep(200);
        }
        compare(nodeStub, bare, bareStub, containers + " containers running", measure, rounds);
        client.remove(RemoveRequest.newBuilder().setDeploymentId("status").build());
        while (ComputeBench.running(client, "status") > 0) {
          Thread.sleep(200);
        }
        toNode.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        toBare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      } finally {
        podman.podman(base, "rmi", "-f", IMAGE);
      }
    }
  }

  private static void compare(NodeServiceGrpc.NodeServiceBlockingStub node, BareGrpcStatusServer bareServer,
      NodeServiceGrpc.NodeServiceBlockingStub bare, String label, Duration measure, int rounds) throws Exception {
    GetStatusRequest request = GetStatusRequest.getDefaultInstance();
    // The same message both ways: with containers running, the node's answer lists every replica.
    bareServer.answerWith(node.getStatus(request));
    for (int round = 1; round <= rounds; round++) {
      var bareResult = LoadDriver.run(CALLERS, WARMUP, measure, () -> bare.getStatus(request));
      print("bare grpc-java (directExecutor)", bareResult);
      var nodeResult = LoadDriver.run(CALLERS, WARMUP, measure, () -> node.getStatus(request));
      print("node, " + label, nodeResult);
      System.out.printf(Locale.ROOT, "%-44s %10.2f (target >= 0.70)%n", "  ratio node / bare",
          nodeResult.qps() / bareResult.qps());
    }
  }

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  private static void print(String name, LatencyRecorder.Summary s) {
    System.out.printf(Locale.ROOT, "%-44s %10.0f %10.0f %10.0f%n", name, s.qps(), s.p50Micros(), s.p99Micros());
  }
}
