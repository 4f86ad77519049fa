package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.image.TestArchives;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPUs given to runc containers by a real node process: a compose service reserving one NVIDIA GPU
 * ({@code deploy.resources.reservations.devices}, count 1) with two replicas on a node with two GPUs. Each replica
 * sees exactly one {@code /dev/nvidia<N>}, a character device, and {@code NVIDIA_VISIBLE_DEVICES=N}, and the two
 * have different N; a third replica (scale to 3) is refused with how many GPUs there are and how many are free.
 *
 * <p>Without a real GPU (this project's machines), a fake {@code nvidia-smi} first on the node's PATH lists two,
 * and the device files are character devices the test makes with mknod (NVIDIA's major 195) in a directory of its
 * own, handed to the node with the test-only {@code -Dhanzo.test.gpu-dev-dir}; nothing opens them, the container
 * only looks at them. Where mknod is refused the files are plain files and the test only asks that they exist (it
 * says so on standard output). Where {@code nvidia-smi} lists real GPUs, the node uses them and the real /dev.
 */
class RuncGpuDeviceIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Pattern SEEN = Pattern.compile("visible=(\\S*) devices=(\\S*) char=(yes|no)");

  @TempDir Path tmp;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ContainerDirectories.deleteTree(tmp);
  }

  @Test
  void twoReplicasGetADeviceEachAndAThirdIsRefused() throws Exception {
    RuncPresence.require(BusyboxImage.hostHasBusybox());
    long seed = new java.util.Random().nextLong();
    System.out.println("RuncGpuDeviceIT seed " + seed);
    // How long the replicas sleep, unique to this run: what finds them in the process table if removing them fails.
    String sleep = Long.toString(1_000_000 + new java.util.Random(seed).nextInt(1_000_000));
    int realGpus = realGpus();
    Map<String, String> env = new HashMap<>();
    boolean charDevices = true;
    if (realGpus >= 2) {
      System.out.println("RuncGpuDeviceIT: " + realGpus + " real GPUs (nvidia-smi works), the real /dev");
    } else {
      Path bin = Files.createDirectories(tmp.resolve("bin"));
      Path smi = bin.resolve("nvidia-smi");
      Files.writeString(smi, """
          #!/bin/sh
          echo "0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA A100-SXM4-80GB, 81920 MiB"
          echo "1, GPU-66666666-7777-8888-9999-000000000000, NVIDIA A100-SXM4-80GB, 81920 MiB"
          """);
      Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path dev = Files.createDirectories(tmp.resolve("dev"));
      charDevices = mknod(dev.resolve("nvidia0"), 0) && mknod(dev.resolve("nvidia1"), 1)
          && mknod(dev.resolve("nvidiactl"), 255);
      if (!charDevices) {
        for (String name : List.of("nvidia0", "nvidia1", "nvidiactl")) {
          Files.deleteIfExists(dev.resolve(name));
          Files.createFile(dev.resolve(name));
        }
      }
      System.out.println("RuncGpuDeviceIT: fake nvidia-smi with 2 GPUs, device files in " + dev + " made "
          + (charDevices ? "with mknod (c 195:N)" : "as plain files: mknod was refused"));
      env.put("PATH", bin + ":" + System.getenv("PATH"));
      env.put("JAVA_TOOL_OPTIONS", "-D" + GpuDeviceNodes.DEV_DIR_PROPERTY + "=" + dev);
    }
    int gpus = realGpus >= 2 ? realGpus : 2;

    Path dataDir = tmp.resolve("node");
    Path archive = TestArchives.greeterDockerArchive(Files.createDirectories(tmp.resolve("archives")), "gpu:1");
    CliRun loaded = CliRun.of("images", "load", archive.toString(), "--data-dir", dataDir.toString());
    assertThat(loaded.exit()).as(loaded.out()).isZero();
    Path compose = tmp.resolve("train.yml");
    // The image runs /bin/sh -c with the command: what the replica sees, then it idles.
    Files.writeString(compose, """
        name: train
        services:
          worker:
            image: gpu:1
            command: ["echo visible=$NVIDIA_VISIBLE_DEVICES devices=$(ls /dev | grep '^nvidia[0-9]' | tr '\\\\n' ,) \
        char=$(test -c /dev/nvidia$NVIDIA_VISIBLE_DEVICES && echo yes || echo no); exec sleep %s"]
            deploy:
              replicas: 2
              resources:
                reservations:
                  memory: 16M
                  devices:
                    - driver: nvidia
                      count: 1
                      capabilities: [gpu]
        """.formatted(sleep));

    NodeProcess node = NodeProcess.start(dataDir, env, "--runtime", "runc", "--node-id", "gpu-node");
    try {
      String at = "127.0.0.1:" + node.awaitReady(WAIT).get("grpc");
      CliRun deployed = CliRun.of("deploy", "-f", compose.toString(), "--endpoint", at);
      assertThat(deployed.exit()).as(deployed.out() + node.output()).isZero();
      List<String> seen = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> CliRun.of("logs", "train", "--endpoint", at).out().lines()
              .filter(l -> SEEN.matcher(l).find()).toList(), lines -> lines.size() == 2);
      System.out.println("RuncGpuDeviceIT: the replicas saw " + seen);
      String first = null;
      for (String line : seen) {
        Matcher m = SEEN.matcher(line);
        assertThat(m.find()).isTrue();
        String visible = m.group(1);
        assertThat(visible).as(line).matches("\\d+");
        assertThat(Integer.parseInt(visible)).as(line).isLessThan(gpus);
        assertThat(m.group(2)).as("exactly the assigned GPU's device file: " + line).isEqualTo("nvidia" + visible
            + ",");
        if (charDevices) {
          assertThat(m.group(3)).as("a character device: " + line).isEqualTo("yes");
        }
        assertThat(visible).as("two replicas never share a GPU").isNotEqualTo(first);
        first = visible;
      }

      if (realGpus <= 2) {
        CliRun third = CliRun.of("scale", "train", "worker=3", "--endpoint", at);
        assertThat(third.exit()).as(third.out()).isNotZero();
        assertThat(third.out()).contains("RESOURCE_EXHAUSTED")
            // Scaling admits the whole deployment again: its own two GPUs are available to it, and the message says so.
            .contains("asks for 3 GPUs (all its replicas together) but this node has " + gpus + " GPUs: 0 held by"
                + " other deployments, 0 kept by allocations, so at most " + gpus + " are available to it (2 of them"
                + " it holds already)");
      }
    } finally {
      // runc containers outlive their node: remove them through it first.
      if (node.process().isAlive() && node.readinessStatus() == 200) {
        String at = "127.0.0.1:" + node.ports().get("grpc");
        CliRun.of("rm", "train", "--endpoint", at);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
            .until(() -> CliRun.of("containers", "--endpoint", at).out(), out -> !out.contains("train-worker"));
      }
      node.close();
      ProcessHandle.allProcesses().filter(p -> List.of(p.info().arguments().orElse(new String[0]))
          .equals(List.of(sleep))).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static boolean mknod(Path file, int minor) throws Exception {
    Process p = new ProcessBuilder("mknod", file.toString(), "c", "195", Integer.toString(minor))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      System.out.println("RuncGpuDeviceIT: mknod " + file + " failed: " + out.strip());
      return false;
    }
    return true;
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
}
