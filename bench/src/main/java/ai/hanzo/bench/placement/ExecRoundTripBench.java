package ai.hanzo.bench.placement;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.function.BooleanSupplier;

/**
 * Exec round trip through the placing node against the same exec directly on the target, interleaved in one run:
 * two real nodes (process runtime, heartbeats every second), A places {@code shell} on B; each round runs
 * {@code cat} in its container over gRPC (the CLI's client) with 1 KiB of stdin, timed from the call to the exit code
 * with the echo checked, once asked of B (anchor) and once of A (which finds the container on B and runs it over
 * {@code /hanzo/deploy-exec/1.0.0}). Run from the repository root:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.placement.ExecRoundTripBench ROUNDS SEED}.
 */
public final class ExecRoundTripBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Duration WAIT = Duration.ofSeconds(60);
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

  private static boolean ready(BenchNode n, String id) {
    try {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build());
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("readyReplicas").asInt() == 1;
    } catch (Exception e) {
      return false;
    }
  }

  private static int status(BenchNode n, String id) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean heard(BenchNode n, String nodeId) {
    try {
      for (var peer : JSON.readTree(send(HttpRequest.newBuilder(URI.create(url(n, "/v1/peers"))).build()).body())
          .path("peers")) {
        if (peer.path("nodeId").asText().equals(nodeId)
            && peer.path("state").asText().equals("NODE_STATE_READY")) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Polls every 10 ms (setting up only; nothing measured waits here). */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within " + WAIT);
      }
      Thread.sleep(10);
    }
  }

  private static String peerId(BenchNode n) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url(n, "/v1/network"))).build()).body())
        .path("peerId").asText();
  }

  private static int port(BenchNode n, String name) throws Exception {
    return JSON.readTree(Files.readString(n.dataDir.resolve("ports.json"))).path(name).asInt();
  }

  private static String url(BenchNode n, String path) {
    return "http://127.0.0.1:" + n.httpPort() + path;
  }

  private static HttpResponse<String> send(HttpRequest r) throws Exception {
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static BenchNode start(List<BenchNode> nodes, Path dir, String[] common, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(extra));
    BenchNode n = BenchNode.start(dir, args.toArray(String[]::new));
    nodes.add(n);
    return n;
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
