package ai.hanzo.bench.compute;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.api.v1.GetEventsRequest;
import ai.hanzo.node.api.v1.NodeEvent;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.runtime.image.LocalImageStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Deploy until the first replica runs, through the node and with the engine alone, in the same run: the node's
 * time is from the Deploy call to its {@code container.started} event (read from a GetEvents stream opened before),
 * the engine's is one {@code runc run -d} (a prepared busybox bundle), one {@code podman run -d} (the docker
 * runtime against Podman's compatible API, started here, host network as the node uses it) or one
 * {@code setsid sleep} process start.
 * The node's first five deployments are not recorded (JIT warm-up); the measuring thread waits, it does not spin,
 * so the node has both cores.
 */
final class DeployLatency {
  private static final int WARM_UP = 5;
  private static final String PODMAN_IMAGE = "localhost/busybox:latency";
  private DeployLatency() {}

  static void run(String runtime, int n) throws Exception {
    Path base = Files.createTempDirectory("hanzo-latency");
    List<Double> engine;
    List<Double> node;
    switch (runtime) {
      case "runc" -> {
        Path rootfsTar = busyboxRootfsTar(base);
        engine = runcAlone(base, rootfsTar, n);
        node = throughNode(base, rootfsTar, n, "busybox", "--runtime", "runc");
      }
      case "docker" -> {
        try (PodmanApi podman = PodmanApi.start(base.resolve("podman"))) {
          podman.podman(base, "import", busyboxRootfsTar(base).toString(), PODMAN_IMAGE);
          try {
            engine = podmanAlone(podman, base, n);
            node = throughNode(base, null, n, PODMAN_IMAGE, "--runtime", "docker", "--docker-host",
                podman.dockerHost());
          } finally {
            podman.podman(base, "rmi", "-f", PODMAN_IMAGE);
          }
        }
      }
      case "process" -> {
        engine = processAlone(n);
        node = throughNode(base, null, n, "process", "--runtime", "process");
      }
      default -> throw new IllegalArgumentException("runtime must be process, runc or docker, not " + runtime);
    }
    double e50 = percentile(engine, 50);
    double n50 = percentile(node, 50);
    System.out.printf("%s, %d deployments: node p50 %.1f ms p95 %.1f ms | engine alone p50 %.1f ms p95 %.1f ms"
        + " | node p50 / (1.2 x engine p50 + 50 ms) = %.2f (target <= 1)%n", runtime, n, n50, percentile(node, 95),
        e50, percentile(engine, 95), n50 / (1.2 * e50 + 50));
  }

  private static List<Double> throughNode(Path base, Path rootfsTar, int n, String image, String... flags)
      throws Exception {
    Path data = base.resolve("node");
    if (rootfsTar != null) {
      LocalImageStore.offline(data.resolve("images")).importRootfsTar(image, rootfsTar);
    }
    List<Double> millis = new ArrayList<>();
    try (BenchNode node = BenchNode.start(data, flags)) {
      NodeServiceGrpc.NodeServiceBlockingStub client = node.awaitReady(Duration.ofSeconds(120));
      Map<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
      Context.CancellableContext events = Context.current().withCancellation();
      Thread reader = new Thread(() -> events.run(() -> {
        Iterator<NodeEvent> it = client.withDeadlineAfter(1, TimeUnit.HOURS)
            .getEvents(GetEventsRequest.newBuilder().addEventTypes("container.started").build());
        try {
          while (it.hasNext()) {
            NodeEvent e = it.next();
            long at = System.nanoTime();
            started.computeIfAbsent(e.getAttributesOrDefault("deployment", ""), k -> new CompletableFuture<>())
                .complete(at);
          }
        } catch (RuntimeException cancelled) {
          // the benchmark is over
        }
      }), "events");
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(500); // the stream is open before the first deploy
      // The first WARM_UP deployments are not recorded: they measure the JIT, not the node.
      for (int i = 0; i < WARM_UP + n; i++) {
        String id = "lat-" + i;
        CompletableFuture<Long> up = started.computeIfAbsent(id, k -> new CompletableFuture<>());
        long t0 = System.nanoTime();
        client.deploy(ComputeBench.deployment(id, image, "sleep", "600"));
        long t1 = up.get(60, TimeUnit.SECONDS);
        if (i >= WARM_UP) {
          millis.add((t1 - t0) / 1e6);
        }
        client.remove(RemoveRequest.newBuilder().setDeploymentId(id).build());
      }
      events.cancel(null);
    }
    return millis;
  }

  private static List<Double> podmanAlone(PodmanApi podman, Path base, int n) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      podman.podman(base, "run", "-d", "--network=host", "--name", "alone-" + i, PODMAN_IMAGE, "sleep", "600");
      millis.add((System.nanoTime() - t0) / 1e6);
      podman.podman(base, "rm", "-f", "-t", "0", "alone-" + i);
    }
    return millis;
  }

  private static List<Double> processAlone(int n) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("setsid", "sleep", "600").start();
      millis.add((System.nanoTime() - t0) / 1e6);
      p.destroyForcibly().waitFor();
    }
    return millis;
  }

  private static List<Double> runcAlone(Path base, Path rootfsTar, int n) throws Exception {
    Path bundle = base.resolve("bundle");
    Files.createDirectories(bundle.resolve("rootfs"));
    exec(bundle, "tar", "-xf", rootfsTar.toString(), "-C", "rootfs");
    exec(bundle, "runc", "spec");
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(bundle.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false);
    ArrayNode args = process.putArray("args");
    args.add("sleep").add("600");
    json.writeValue(bundle.resolve("config.json").toFile(), config);
    Path root = base.resolve("runc-root");
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      exec(bundle, "runc", "--root", root.toString(), "run", "-d", "--bundle", bundle.toString(), "alone-" + i);
      millis.add((System.nanoTime() - t0) / 1e6);
      exec(bundle, "runc", "--root", root.toString(), "delete", "-f", "alone-" + i);
    }
    return millis;
  }

  /** A busybox root filesystem as RUNTIMES.md makes it, without any registry. */
  static Path busyboxRootfsTar(Path base) throws Exception {
    Path rootfs = base.resolve("busybox-rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
    exec(base, "chroot", rootfs.toString(), "/bin/busybox", "--install", "-s", "/bin");
    Path tar = base.resolve("busybox-rootfs.tar");
    exec(base, "tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".");
    return tar;
  }

  private static void exec(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with " + p.exitValue());
    }
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1));
  }
}
