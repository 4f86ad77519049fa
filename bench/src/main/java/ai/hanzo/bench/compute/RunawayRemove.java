package ai.hanzo.bench.compute;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The operator stops a runaway deployment (issue 12 item 6), against a node with the process runtime: a deployment
 * of {@code n} {@code sleep} replicas is removed while it rolls out (targets: Remove answered within 1 s, every
 * container gone within 30 s); then {@code n} replicas are deployed and awaited, and the node's threads and RSS
 * with all of them running are printed. The node must allow n replicas (its limit is one per 16 MiB of memory).
 */
final class RunawayRemove {
  private static final Duration WAIT = Duration.ofMinutes(10);

  private RunawayRemove() {}

  static void run(int n) throws Exception {
    Path data = Files.createTempDirectory("hanzo-runaway").resolve("data");
    try (BenchNode node = BenchNode.start(data, "--runtime", "process")) {
      var client = node.awaitReady(Duration.ofSeconds(120));
      client.deploy(replicas("runaway", n));
      awaitContainers(client, "runaway", Math.max(1, n / 10), true);

      long start = System.nanoTime();
      client.remove(RemoveRequest.newBuilder().setDeploymentId("runaway").build());
      double answeredMs = (System.nanoTime() - start) / 1e6;
      int left = containers(client, "runaway");
      awaitContainers(client, "runaway", 0, false);
      double goneS = (System.nanoTime() - start) / 1e9;
      System.out.printf("Remove of %d replicas while rolling out (%d created): answered in %.0f ms (target <= 1000),"
          + " all gone after %.1f s (target <= 30)%n", n, left, answeredMs, goneS);

      long threadsIdle = node.threads();
      start = System.nanoTime();
      client.deploy(replicas("steady", n));
      awaitContainers(client, "steady", n, true);
      System.out.printf("%d replicas running after %.1f s: node threads %d (%d with none), node RSS %.1f MB%n", n,
          (System.nanoTime() - start) / 1e9, node.threads(), threadsIdle, node.rssKb() / 1024.0);
      client.remove(RemoveRequest.newBuilder().setDeploymentId("steady").build());
      awaitContainers(client, "steady", 0, false);
    }
  }

  private static DeployRequest replicas(String id, int n) {
    return DeployRequest.newBuilder().setDeploymentId(id).setName(id)
        .setSpec(ComposeSpec.newBuilder().putServices("app", ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sleep", "3600")).setRestart("always")
            .setDeploy(DeploySpec.newBuilder().setReplicas(n)).build()))
        .build();
  }

  private static int containers(NodeServiceGrpc.NodeServiceBlockingStub node, String deployment) {
    return node.listContainers(ListContainersRequest.newBuilder().setAll(true).putFilters("deployment", deployment)
        .build()).getContainersCount();
  }

  /** Polls every 100 ms until the deployment has at least ({@code atLeast}) or exactly {@code count} containers. */
  private static void awaitContainers(NodeServiceGrpc.NodeServiceBlockingStub node, String deployment, int count,
      boolean atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      int now = containers(node, deployment);
      if (atLeast ? now >= count : now == count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(deployment + " has " + now + " containers, not " + count);
      }
      Thread.sleep(100);
    }
  }
}
