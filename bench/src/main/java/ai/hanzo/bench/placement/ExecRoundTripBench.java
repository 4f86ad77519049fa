package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.PlacementNodes.WAIT;
import static ai.hanzo.bench.placement.PlacementNodes.awaitTrue;
import static ai.hanzo.bench.placement.PlacementNodes.heard;
import static ai.hanzo.bench.placement.PlacementNodes.peerId;
import static ai.hanzo.bench.placement.PlacementNodes.port;
import static ai.hanzo.bench.placement.PlacementNodes.ready;
import static ai.hanzo.bench.placement.PlacementNodes.send;
import static ai.hanzo.bench.placement.PlacementNodes.start;
import static ai.hanzo.bench.placement.PlacementNodes.status;
import static ai.hanzo.bench.placement.PlacementNodes.url;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Exec round trip through the placing node against the same exec directly on the target, interleaved in one run:
 * two real nodes (process runtime, heartbeats every second), A places {@code shell} on B; each round runs
 * {@code cat} in its container over gRPC (the CLI's client) with 1 KiB of stdin, timed from the call to the exit code
 * with the echo checked, once asked of B (anchor) and once of A (which finds the container on B and runs it over
 * {@code /hanzo/deploy-exec/1.0.0}). Run from the repository root:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.placement.ExecRoundTripBench ROUNDS SEED}.
 */
public final class ExecRoundTripBench {
  private static final int WARM_UP = 20;

  private ExecRoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    System.out.println("seed " + seed);
    byte[] stdin = new byte[1024];
    new Random(seed).nextBytes(stdin);
    Path base = Files.createTempDirectory("hanzo-exec-bench");
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--mdns", "false"};
    List<BenchNode> nodes = new ArrayList<>();
    try {
      BenchNode a = start(nodes, base.resolve("a"), common, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + port(a, "p2p") + "/p2p/" + peerId(a);
      BenchNode b = start(nodes, base.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      awaitTrue(() -> heard(a, "node-b"));
      String body = "{\"deploymentId\": \"shell\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\","
          + " \"command\": [\"sh\", \"-c\", \"echo exec-bench; while sleep 1; do :; done\"]}}},"
          + " \"placement\": {\"anywhere\": true, \"constraints\": {\"node_id\": \"node-b\"}}}";
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments")))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("deploy: " + r.statusCode() + " " + r.body());
      }
      awaitTrue(() -> ready(b, "shell"));
      List<Double> direct = new ArrayList<>();
      List<Double> through = new ArrayList<>();
      try (NodeClient onB = client(b); NodeClient onA = client(a)) {
        for (int i = 0; i < rounds + WARM_UP; i++) {
          double d = echo(onB, stdin);
          double t = echo(onA, stdin);
          if (i >= WARM_UP) {
            direct.add(d);
            through.add(t);
          }
        }
      }
      System.out.printf(Locale.ROOT, "exec round trip (cat, 1 KiB stdin echoed, gRPC), %d rounds after %d warm-up:"
          + " directly on B median %.2f ms (p90 %.2f, p99 %.2f); through A median %.2f ms (p90 %.2f, p99 %.2f);"
          + " ratio of medians %.2fx, difference %.2f ms%n", rounds, WARM_UP, median(direct), pct(direct, 0.9),
          pct(direct, 0.99), median(through), pct(through, 0.9), pct(through, 0.99),
          median(through) / median(direct), median(through) - median(direct));
      send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments/shell"))).DELETE().build());
      awaitTrue(() -> status(b, "shell") == 404);
    } finally {
      for (BenchNode n : nodes) {
        n.close();
      }
      ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
          .contains("exec-bench")).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static double echo(NodeClient client, byte[] stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit = client.exec("shell-web-1", List.of("cat"), false, new ByteArrayInputStream(stdin), out,
        new ByteArrayOutputStream());
    double ms = (System.nanoTime() - start) / 1e6;
    if (exit != 0 || !Arrays.equals(out.toByteArray(), stdin)) {
      throw new IllegalStateException("exec answered exit " + exit + " with " + out.size() + " bytes");
    }
    return ms;
  }

  private static NodeClient client(BenchNode n) {
    return new NodeClient(new ClientSettings("127.0.0.1:" + n.grpcPort(), null, null, Duration.ofSeconds(30)));
  }

  private static double median(List<Double> xs) {
    return pct(xs, 0.5);
  }

  private static double pct(List<Double> xs, double p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(s.size() * p) - 1)));
  }
}
