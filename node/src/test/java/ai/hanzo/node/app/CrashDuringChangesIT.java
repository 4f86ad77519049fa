package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node on the process runtime, SIGKILLed at a random (seeded, printed) moment of a burst of Deploy, Scale and
 * Remove calls, then restarted on the same data directory. Once it has reconciled, the host's processes must match
 * what the API lists: exactly one process for each running container, none for a container it does not list. The
 * processes are counted from /proc (their command line and working directory), not from the node's bookkeeping.
 */
class CrashDuringChangesIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration CALL = Duration.ofSeconds(20);
  private static final int ROUNDS = Integer.getInteger("crash.rounds", 5);
  private static final List<String> DEPLOYMENTS = List.of("crash-a", "crash-b");
  private static final String SERVICE = "svc";
  private static final Pattern CONTAINER_DIR = Pattern.compile("/containers/([0-9a-f]{32})(/|$)");

  @TempDir
  Path tmp;

  private String marker;

  @Test
  void afterKill9DuringChangesEachListedContainerRunsExactlyOnce() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("CrashDuringChangesIT seed " + seed + " (-Dcrash.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    marker = "crash-marker-" + seed;
    Path dataDir = tmp.resolve("data");
    NodeProcess node = NodeProcess.start(dataDir, "--runtime", "process");
    try {
      for (int round = 0; round < ROUNDS; round++) {
        var client = client(node);
        int delayMillis = random.nextInt(1000);
        Burst burst = new Burst(client, new Random(random.nextLong()));
        Thread thread = new Thread(burst, "burst-" + round);
        thread.start();
        assertThat(burst.firstCall.await(CALL.toMillis(), TimeUnit.MILLISECONDS)).as("the burst's first call")
            .isTrue();
        // a chaos delay, not synchronisation: where in the burst the node dies
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
        node.kill();
        burst.stop.set(true);
        thread.join(CALL.toMillis() * 2);
        System.out.println("round " + round + ": killed " + delayMillis + " ms into the burst after "
            + burst.calls.get() + " calls; host processes " + processesByContainer(dataDir));

        node = NodeProcess.start(dataDir, "--runtime", "process");
        var restarted = client(node);
        awaitReconciledAndMatching(restarted, dataDir, "round " + round);
      }

      var client = client(node);
      for (String deployment : DEPLOYMENTS) {
        try {
          client.withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS)
              .remove(RemoveRequest.newBuilder().setDeploymentId(deployment).build());
        } catch (io.grpc.StatusRuntimeException e) {
          assertThat(e.getStatus().getCode()).as("removing " + deployment).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
        }
      }
      await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(listed(client)).as("containers listed after removing everything").isEmpty();
        assertThat(processesByContainer(dataDir)).as("container processes after removing everything").isEmpty();
        assertThat(shimsByContainer(dataDir)).as("shims after removing everything").isEmpty();
      });
    } finally {
      node.close();
      try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
        TestContainers.removeAll(runtime);
      } finally {
        // copies the runtime does not know of (the defect this test looks for) are killed here
        killAll(cmdline -> cmdline.contains(marker) || cmdline.contains(dataDir.toString()), dataDir);
      }
    }
  }

  /** Random Deploy / Scale / Remove calls, one after another, until stopped or the node is gone. */
  private final class Burst implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger calls = new AtomicInteger();
    final java.util.concurrent.CountDownLatch firstCall = new java.util.concurrent.CountDownLatch(1);
    private final NodeServiceGrpc.NodeServiceBlockingStub client;
    private final Random random;

    Burst(NodeServiceGrpc.NodeServiceBlockingStub client, Random random) {
      this.client = client;
      this.random = random;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        String deployment = DEPLOYMENTS.get(random.nextInt(DEPLOYMENTS.size()));
        var stub = client.withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS);
        try {
          int op = random.nextInt(10);
          if (op < 4) {
            stub.deploy(deployRequest(deployment, 1 + random.nextInt(3)));
          } else if (op < 8) {
            stub.scale(ScaleRequest.newBuilder().setDeploymentId(deployment).setServiceName(SERVICE)
                .setReplicas(random.nextInt(4)).build());
          } else {
            stub.remove(RemoveRequest.newBuilder().setDeploymentId(deployment).build());
          }
          calls.incrementAndGet();
          firstCall.countDown();
        } catch (io.grpc.StatusRuntimeException e) {
          // NOT_FOUND (scale of a removed deployment) is part of the burst; UNAVAILABLE once the node is killed
          if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
            return;
          }
          firstCall.countDown();
        } catch (RuntimeException e) {
          return;
        }
      }
    }
  }

  private DeployRequest deployRequest(String deployment, int replicas) {
    return DeployRequest.newBuilder().setDeploymentId(deployment).setName(deployment)
        .setSpec(ComposeSpec.newBuilder().putServices(SERVICE, ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(command()).setDeploy(DeploySpec.newBuilder().setReplicas(replicas)).build()))
        .build();
  }

  /** The replicas' command: a long sleep under a shell whose argv carries this run's marker. */
  private List<String> command() {
    return List.of("sh", "-c", "sleep 600; : " + marker);
  }

  /**
   * Waits until every deployment the node reports is running with all its replicas ready, and the host's
   * processes match the listed containers one to one.
   */
  private void awaitReconciledAndMatching(NodeServiceGrpc.NodeServiceBlockingStub client, Path dataDir,
      String round) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      List<DeploymentStatus> deployments = client.withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS)
          .getStatus(GetStatusRequest.getDefaultInstance()).getDeploymentsList();
      assertThat(deployments).as(round + ": deployments").allSatisfy(d -> {
        assertThat(d.getStatus()).as(d.getDeploymentId()).isEqualTo("running");
        assertThat(d.getReadyReplicas()).as(d.getDeploymentId()).isEqualTo(d.getReplicas());
      });
      List<ContainerInfo> listed = listed(client);
      Map<String, Integer> expected = new TreeMap<>();
      for (ContainerInfo c : listed) {
        assertThat(c.getState()).as(round + ": state of " + c.getName()).isEqualTo("running");
        expected.put(c.getId(), 1);
      }
      int desired = deployments.stream().mapToInt(DeploymentStatus::getReplicas).sum();
      assertThat(listed).as(round + ": listed containers").hasSize(desired);
      assertThat(processesByContainer(dataDir)).as(round + ": host processes by container id (listed: "
          + listed.stream().map(c -> c.getName() + "=" + c.getId()).toList() + ")").isEqualTo(expected);
      assertThat(shimsByContainer(dataDir)).as(round + ": shims by container id").isEqualTo(expected);
    });
    System.out.println(round + ": reconciled, " + processesByContainer(dataDir).size() + " containers, one process"
        + " each");
  }

  private static NodeServiceGrpc.NodeServiceBlockingStub client(NodeProcess node) {
    int port = node.awaitReady(WAIT).get("grpc");
    return GrpcClients.newClient("http://127.0.0.1:" + port, NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private static List<ContainerInfo> listed(NodeServiceGrpc.NodeServiceBlockingStub client) {
    return client.withDeadlineAfter(CALL.toMillis(), TimeUnit.MILLISECONDS)
        .listContainers(ListContainersRequest.newBuilder().setAll(true).build()).getContainersList();
  }

  /** The replicas' own processes (the marked shell, once init exec'ed it) by container id (from their cwd). */
  private Map<String, Integer> processesByContainer(Path dataDir) {
    String exact = String.join("\0", command()) + "\0";
    return countByContainer(pid -> {
      if (!cmdline(pid).equals(exact)) {
        return null;
      }
      return containerIdIn(cwd(pid), dataDir);
    });
  }

  /** Live shims by the container directory in their command line. */
  private Map<String, Integer> shimsByContainer(Path dataDir) {
    return countByContainer(pid -> {
      String cmdline = cmdline(pid);
      int at = cmdline.indexOf("\0hanzo-shim\0");
      if (at < 0 || !cmdline.contains(marker)) {
        return null;
      }
      String dir = cmdline.substring(at + "\0hanzo-shim\0".length()).split("\0", 2)[0];
      return containerIdIn(dir, dataDir);
    });
  }

  private static String containerIdIn(String path, Path dataDir) {
    if (!path.startsWith(dataDir.toString())) {
      return null;
    }
    Matcher m = CONTAINER_DIR.matcher(path);
    return m.find() ? m.group(1) : "?" + path;
  }

  private static Map<String, Integer> countByContainer(java.util.function.Function<Path, String> containerOf) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Path pid : pids()) {
      String id = containerOf.apply(pid);
      if (id != null) {
        counts.merge(id, 1, Integer::sum);
      }
    }
    return counts;
  }

  private static List<Path> pids() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cmdline(Path procEntry) {
    try {
      return new String(Files.readAllBytes(procEntry.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Kills every process whose command line or working directory matches (also a replica's `sleep` child). */
  private static void killAll(Predicate<String> cmdlineMatches, Path dataDir) {
    List<Long> pids = new ArrayList<>();
    for (Path pid : pids()) {
      if (cmdlineMatches.test(cmdline(pid)) || cwd(pid).startsWith(dataDir.toString())) {
        pids.add(Long.parseLong(pid.getFileName().toString()));
      }
    }
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private static String cwd(Path procEntry) {
    try {
      return Files.readSymbolicLink(procEntry.resolve("cwd")).toString();
    } catch (IOException e) {
      return "";
    }
  }
}
