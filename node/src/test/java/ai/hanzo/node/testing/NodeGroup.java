package ai.hanzo.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node processes of one multi-node test, started with the same arguments each ({@code common}) plus their own,
 * and all killed by {@link #close()} (even when the test failed half way), so a test needs one try-with-resources
 * rather than its own list and loop.
 */
public final class NodeGroup implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final List<String> common;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<NodeProcess> killed = new ArrayList<>();

  public NodeGroup(String... common) {
    this.common = List.of(common);
  }

  /** A node with the common arguments, then {@code extra} (the last occurrence of a flag wins). */
  public NodeProcess start(Path dataDir, String... extra) throws IOException {
    return start(dataDir, Map.of(), extra);
  }

  /** {@link #start(Path, String...)} with {@code env} added to the node's environment. */
  public NodeProcess start(Path dataDir, Map<String, String> env, String... extra) throws IOException {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.start(dataDir, env, args.toArray(String[]::new));
    nodes.add(p);
    return p;
  }

  /** {@link #start(Path, String...)} on another host ({@link NodeProcess#startIn}), e.g. a network namespace. */
  public NodeProcess startIn(List<String> launcher, String host, Path dataDir, String... extra) throws IOException {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.startIn(launcher, host, dataDir, Map.of(), args.toArray(String[]::new));
    nodes.add(p);
    return p;
  }

  /** SIGKILL, as after a crash: the node no longer counts for {@link #terminateAll(Duration)}. */
  public void kill(NodeProcess node) throws InterruptedException {
    node.kill();
    nodes.remove(node);
    killed.add(node);
  }

  /**
   * SIGTERM to every node not killed, in the order they started; each must exit 0 within {@code timeout} (a
   * node that crashed on its own fails here too, with its output).
   */
  public void terminateAll(Duration timeout) throws InterruptedException {
    for (NodeProcess n : nodes) {
      int exit = n.terminate(timeout);
      if (exit != 0) {
        throw new AssertionError("a node exited " + exit + " after SIGTERM:\n" + n.output());
      }
    }
  }

  /**
   * The node ids of the READY heartbeats the node at {@code httpBase} heard, from {@code GET /v1/peers}
   * ({@code apiKey} null: no key).
   */
  public static List<String> readyNodes(String httpBase, String apiKey) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpBase + "/v1/peers"))
        .timeout(Duration.ofSeconds(30)).GET();
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + httpBase + "/v1/peers answered " + response.statusCode() + ": "
          + response.body());
    }
    List<String> ready = new ArrayList<>();
    for (JsonNode peer : JSON.readTree(response.body()).path("peers")) {
      if (peer.path("state").asText().equals("NODE_STATE_READY")) {
        ready.add(peer.path("nodeId").asText());
      }
    }
    return ready;
  }

  /**
   * Kills every node still running, then, as a safety net, every process-runtime container left under the nodes'
   * data directories: a shim outlives its node by design (a restarted node re-adopts it), so a test that failed
   * before removing its deployments would otherwise leave them running on the machine. Only here, not in
   * {@link NodeProcess#close()}: restart tests close one process and start another on the same directory.
   */
  @Override
  public void close() throws InterruptedException {
    List<Path> dirs = new ArrayList<>();
    for (NodeProcess n : nodes) {
      n.close();
      dirs.add(n.dataDir());
    }
    for (NodeProcess n : killed) {
      n.close();
      dirs.add(n.dataDir());
    }
    LeftoverShims.kill(dirs);
  }
}
