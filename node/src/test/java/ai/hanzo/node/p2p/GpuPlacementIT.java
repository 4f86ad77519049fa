package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPUs across two real node processes (process runtime). Node B has two GPUs: a fake {@code nvidia-smi} first on its
 * PATH prints them, unless this machine's own nvidia-smi lists real ones, which B then uses. Node A has none (its
 * fake nvidia-smi fails as it does without a driver). A GPU deployment asked of A with {@code --anywhere} lands on B,
 * each of its replicas sees a GPU of its own in CUDA_VISIBLE_DEVICES; once B's GPUs are all held, another GPU
 * deployment is refused with RESOURCE_EXHAUSTED, by A naming each node and what its GPUs lack, by B with how many it
 * has and how many are free; after B restarts its replicas keep their GPUs and none is free. The replicas are
 * removed before the nodes stop.
 */
class GpuPlacementIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void gpuDeploymentsLandWhereGpusAreFreeAndNeverShareOne(@TempDir Path tmp) throws Exception {
    int realGpus = realGpus();
    int gpus = realGpus > 0 ? realGpus : 2;
    System.out.println("GpuPlacementIT: " + (realGpus > 0 ? realGpus + " real GPUs (nvidia-smi works)"
        : "fake nvidia-smi with 2 GPUs"));
    Path withGpus = fakeNvidiaSmi(tmp.resolve("bin-gpus"), """
        echo "0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA A100-SXM4-80GB, 81920 MiB"
        echo "1, GPU-66666666-7777-8888-9999-000000000000, NVIDIA A100-SXM4-80GB, 81920 MiB"
        """);
    Path noDriver = fakeNvidiaSmi(tmp.resolve("bin-none"), """
        echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
        exit 9
        """);
    Path seen = tmp.resolve("seen.txt");
    Files.createFile(seen);
    Path compose = tmp.resolve("train.yml");
    Files.writeString(compose, """
        name: train
        services:
          worker:
            image: process
            command: ["sh", "-c", "echo \\"$CUDA_VISIBLE_DEVICES\\" >> %s; while sleep 1; do :; done"]
            deploy:
              replicas: %d
              resources:
                reservations:
                  memory: 16M
                  devices:
                    - driver: nvidia
                      count: 1
                      capabilities: [gpu]
        """.formatted(seen, gpus));
    Path one = tmp.resolve("one.yml");
    Files.writeString(one, """
        name: one
        services:
          worker:
            image: process
            command: ["sh", "-c", "while sleep 1; do :; done"]
            deploy:
              resources:
                reservations:
                  devices:
                    - driver: nvidia
                      count: 1
                      capabilities: [gpu]
        """);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s"};
    NodeGroup nodes = new NodeGroup(common);
    String endpointB = null;
    try {
      NodeProcess a = nodes.start(tmp.resolve("a"), onPath(noDriver), "--node-id", "node-a");
      a.awaitReady(WAIT);
      String peerA = NodeIdentity.loadOrCreate(tmp.resolve("a")).peerId().toString();
      String endpointA = "127.0.0.1:" + a.ports().get("grpc");
      NodeProcess b = nodes.start(tmp.resolve("b"), onPath(realGpus > 0 ? null : withGpus), "--node-id", "node-b",
          "--bootstrap", "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA);
      endpointB = "127.0.0.1:" + b.awaitReady(WAIT).get("grpc");

      // A waits for B's heartbeat, then places the GPU deployment there (A itself has no GPU).
      CliRun placed = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> cli("deploy", "-f", compose.toString(), "--anywhere", "--endpoint", endpointA),
              answer -> answer.exit() == 0);
      assertThat(placed.out()).contains("NODE         node-b");
      await().atMost(WAIT).until(() -> Files.readAllLines(seen).size() == gpus);
      List<String> visible = Files.readAllLines(seen);
      assertThat(visible).as("one GPU each, none shared").doesNotHaveDuplicates()
          .allMatch(line -> line.matches("\\d+"));

      // B's next heartbeats say no GPU is free: A refuses, naming both nodes and why.
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        CliRun refused = cli("deploy", "-f", one.toString(), "--anywhere", "--endpoint", endpointA);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.out()).contains("RESOURCE_EXHAUSTED").contains("node-a (this node): no GPU")
            .contains("node-b: not enough GPUs: 0 free of " + gpus + ", needs 1");
      });
      // B itself refuses too, with its numbers.
      CliRun local = cli("deploy", "-f", one.toString(), "--endpoint", endpointB);
      assertThat(local.exit()).isNotZero();
      assertThat(local.out()).contains("RESOURCE_EXHAUSTED")
          .contains("asks for 1 GPUs (all its replicas together) but this node has " + gpus + " GPUs: " + gpus
              + " held by other deployments, 0 kept by allocations, so at most 0 are available to it");
      // A spec asking for both a count and device ids never reaches a node.
      Path both = tmp.resolve("both.yml");
      Files.writeString(both, Files.readString(one).replace("count: 1", "count: 1\n              device_ids: ['0']"));
      CliRun bad = cli("deploy", "-f", both.toString(), "--endpoint", endpointB);
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.out()).contains("has both count and device_ids");

      // A restart keeps the assignment (stored with the deployment): still no GPU free, and the replicas, made with
      // the GPUs they still hold, are neither replaced nor moved.
      assertThat(b.terminate(Duration.ofSeconds(30))).as(b.output()).isZero();
      NodeProcess again = nodes.start(tmp.resolve("b"), onPath(realGpus > 0 ? null : withGpus), "--node-id",
          "node-b");
      endpointB = "127.0.0.1:" + again.awaitReady(WAIT).get("grpc");
      CliRun afterRestart = cli("deploy", "-f", one.toString(), "--endpoint", endpointB);
      assertThat(afterRestart.out()).contains("RESOURCE_EXHAUSTED").contains(gpus + " held by other deployments")
          .contains("at most 0 are available to it");
      assertThat(Files.readAllLines(seen)).isEqualTo(visible);
    } finally {
      // The process runtime leaves replicas running when a node stops: remove them first.
      if (endpointB != null) {
        String at = endpointB;
        cli("rm", "train", "--endpoint", at);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
            .until(() -> cli("containers", "--endpoint", at).out(), out -> !out.contains("train-worker"));
      }
      nodes.close();
    }
  }

  /** How many GPUs this machine's own nvidia-smi lists; 0 without one that works. */
  private static int realGpus() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index", "--format=csv,noheader")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return 0;
      }
      return (int) out.lines().filter(l -> l.strip().matches("\\d+")).count();
    } catch (Exception e) {
      return 0;
    }
  }

  private static Path fakeNvidiaSmi(Path dir, String body) throws Exception {
    Files.createDirectories(dir);
    Path smi = dir.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  /** A node's environment with {@code bin} first on its PATH (null: the PATH as it is). */
  private static Map<String, String> onPath(Path bin) {
    return bin == null ? Map.of() : Map.of("PATH", bin + ":" + System.getenv("PATH"));
  }

  private static CliRun cli(String... args) throws Exception {
    return CliRun.of(args);
  }
}
