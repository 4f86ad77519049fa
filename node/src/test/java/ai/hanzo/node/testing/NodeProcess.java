package ai.hanzo.node.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The node started as a real OS process from the shaded jar, the way an operator runs it. Ports are read back from
 * {@code ports.json}; {@link #close()} kills the process if it is still running, so tests never leak it.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("\"(\\w+)\":\\s*(\\d+)");

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final String host;

  private NodeProcess(Process process, Path dataDir, Path log, String host) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.host = host;
  }

  /**
   * The test JVM's java and the flags the launcher ({@code bin/hanzo-node}) gives that JDK: from JDK 23 on, Netty's
   * and Armeria's use of {@code sun.misc.Unsafe} is allowed, or the JVM prints four lines of warnings to standard
   * error at every start (native access is allowed by the jar's manifest).
   */
  public static List<String> java() {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Runtime.version().feature() >= 23) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    return cmd;
  }

  public static Path jar() {
    Path jar = Path.of("target", "hanzo-node.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build's package phase first");
    }
    return jar;
  }

  /**
   * Starts {@code hanzo-node run} on port 0 everywhere with {@code dataDir}, mDNS off, plus any extra arguments
   * (the last occurrence of a flag wins).
   */
  public static NodeProcess start(Path dataDir, String... extraArgs) throws IOException {
    return start(dataDir, Map.of(), extraArgs);
  }

  /** {@link #start(Path, String...)} with {@code env} added to (or replacing in) the node's environment. */
  public static NodeProcess start(Path dataDir, Map<String, String> env, String... extraArgs) throws IOException {
    return startIn(List.of(), "127.0.0.1", dataDir, env, extraArgs);
  }

  /**
   * {@link #start(Path, Map, String...)} on another host, such as a network namespace: {@code launcher} goes in front
   * of the command line (e.g. {@code nsenter --net=...}) and every listener binds {@code host}, the address the test
   * reaches the node at.
   */
  public static NodeProcess startIn(List<String> launcher, String host, Path dataDir, Map<String, String> env,
      String... extraArgs) throws IOException {
    Files.createDirectories(dataDir);
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(java());
    cmd.addAll(List.of("-jar", jar().toString(),
        "run", "--data-dir", dataDir.toString(), "--grpc-addr", host + ":0", "--http-addr", host + ":0",
        "--p2p-addr", "/ip4/" + host + "/tcp/0", "--no-banner",
        // Test nodes must not find each other (or other tests' nodes) on the host's network unless a test says so.
        "--mdns", "false"));
    cmd.addAll(List.of(extraArgs));
    Path log = Files.createTempFile(dataDir.getParent(), "node", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("HANZO_"));
    pb.environment().putAll(env);
    return new NodeProcess(pb.start(), dataDir, log, host);
  }

  /** Waits until {@code ports.json} exists and {@code /readiness} answers 200; returns the ports. */
  public Map<String, Integer> awaitReady(Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(50))
          // The output is read when the node has exited, not when the wait starts (it would be empty then).
          .failFast(() -> {
            if (!process.isAlive()) {
              throw new AssertionError("node exited early:\n" + output());
            }
          })
          .until(() -> readinessStatus() == 200);
    } catch (ConditionTimeoutException e) {
      // The node's own log is what tells a slow start from a hung one.
      throw new AssertionError("node not ready within " + timeout + "; its output:\n" + output(), e);
    }
    return ports();
  }

  public Map<String, Integer> ports() {
    try {
      Matcher m = PORT.matcher(Files.readString(dataDir.resolve("ports.json")));
      Map<String, Integer> ports = new java.util.HashMap<>();
      while (m.find()) {
        ports.put(m.group(1), Integer.parseInt(m.group(2)));
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException("ports.json unreadable", e);
    }
  }

  /** The address every listener of the node binds (127.0.0.1 unless started with {@link #startIn}). */
  public String host() {
    return host;
  }

  /** {@code http://host:port} of the node's HTTP API. */
  public String httpBase() {
    return "http://" + host + ":" + ports().get("http");
  }

  /** {@code host:port} of the node's gRPC API, as the CLI's {@code --endpoint} takes it. */
  public String grpcEndpoint() {
    return host + ":" + ports().get("grpc");
  }

  /** The node's libp2p address with its PeerId, to bootstrap other nodes from. */
  public String p2pAddress(String peerId) {
    return "/ip4/" + host + "/tcp/" + ports().get("p2p") + "/p2p/" + peerId;
  }

  public int readinessStatus() {
    if (!Files.exists(dataDir.resolve("ports.json"))) {
      return -1;
    }
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(httpBase() + "/readiness"))
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Sends SIGTERM and waits for the exit code. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("node did not exit within " + timeout + " after SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGKILL: no chance to clean up, as after a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public Process process() {
    return process;
  }

  /** The node's data directory (process-runtime containers live under it). */
  public Path dataDir() {
    return dataDir;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
