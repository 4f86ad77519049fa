package ai.hanzo.bench.placement;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the multi-node placement drivers ask of their real nodes over HTTP: start one, its ports and PeerId, whether
 * it heard a peer, whether a deployment is ready, a poll for set-up conditions; the two-node set-up the round-trip
 * drivers share, and their percentiles.
 */
final class PlacementNodes {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PlacementNodes() {}

  static BenchNode start(List<BenchNode> nodes, Path dir, String[] common, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(extra));
    BenchNode n = BenchNode.start(dir, args.toArray(String[]::new));
    nodes.add(n);
    return n;
  }

  /** Whether deployment {@code id} on {@code n} has its one replica ready. */
  static boolean ready(BenchNode n, String id) {
    try {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build());
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("readyReplicas").asInt() == 1;
    } catch (Exception e) {
      return false;
    }
  }

  /** The HTTP status of deployment {@code id} on {@code n}, -1 when the node does not answer. */
  static int status(BenchNode n, String id) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url(n, "/v1/deployments/" + id))).build()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Whether {@code n} lists {@code nodeId} as a ready peer. */
  static boolean heard(BenchNode n, String nodeId) {
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

  /** Polls every 10 ms (the resolution the drivers measure to) for at most {@link #WAIT}. */
  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within " + WAIT);
      }
      Thread.sleep(10);
    }
  }

  static String peerId(BenchNode n) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url(n, "/v1/network"))).build()).body())
        .path("peerId").asText();
  }

  static int port(BenchNode n, String name) throws Exception {
    return JSON.readTree(Files.readString(n.dataDir.resolve("ports.json"))).path(name).asInt();
  }

  static String url(BenchNode n, String path) {
    return "http://127.0.0.1:" + n.httpPort() + path;
  }

  static HttpResponse<String> send(HttpRequest r) throws Exception {
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Starts A and B (process runtime, heartbeats every second, B bootstrapped from A) into {@code nodes} and has A
   * place {@code shell} on B, a process printing {@code marker} then idling; returns once it is ready on B.
   */
  static BenchNode[] placedShell(List<BenchNode> nodes, Path base, String marker) throws Exception {
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--mdns", "false"};
    BenchNode a = start(nodes, base.resolve("a"), common, "--node-id", "node-a");
    a.awaitReady(WAIT);
    String bootstrap = "/ip4/127.0.0.1/tcp/" + port(a, "p2p") + "/p2p/" + peerId(a);
    BenchNode b = start(nodes, base.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap);
    b.awaitReady(WAIT);
    awaitTrue(() -> heard(a, "node-b"));
    String body = "{\"deploymentId\": \"shell\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\","
        + " \"command\": [\"sh\", \"-c\", \"echo " + marker + "; while sleep 1; do :; done\"]}}},"
        + " \"placement\": {\"anywhere\": true, \"constraints\": {\"node_id\": \"node-b\"}}}";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments")))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("deploy: " + r.statusCode() + " " + r.body());
    }
    awaitTrue(() -> ready(b, "shell"));
    return new BenchNode[] {a, b};
  }

  /** The CLI's gRPC client for {@code n}. */
  static NodeClient client(BenchNode n) {
    return new NodeClient(new ClientSettings("127.0.0.1:" + n.grpcPort(), null, null, Duration.ofSeconds(30)));
  }

  static double median(List<Double> xs) {
    return pct(xs, 0.5);
  }

  /** The nearest-rank percentile {@code p} (0-1] of {@code xs}. */
  static double pct(List<Double> xs, double p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(s.size() * p) - 1)));
  }
}
