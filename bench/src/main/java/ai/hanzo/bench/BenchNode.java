package ai.hanzo.bench;

import ai.hanzo.node.api.v1.NodeServiceGrpc;
import com.linecorp.armeria.client.grpc.GrpcClients;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node started through {@code bin/hanzo-node run} on port 0 with its own data directory, as an operator runs it. */
public final class BenchNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final Path dataDir;
  private final Process process;

  private BenchNode(Path dataDir, Process process) {
    this.dataDir = dataDir;
    this.process = process;
  }

  public static BenchNode start(Path dataDir, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of("bin", "hanzo-node").toAbsolutePath().toString(), "run",
        "--data-dir", dataDir.toString(), "--grpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0",
        "--p2p-addr", "/ip4/127.0.0.1/tcp/0", "--no-banner",
        // 1,000 replicas at the default pids limit exceed a derived budget: the largest (MOST_MAX_PROCESSES).
        "--max-processes", "41943040000"));
    cmd.addAll(List.of(extra));
    Files.createDirectories(dataDir);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log")
            .toFile())).start();
    return new BenchNode(dataDir, p);
  }

  /** Waits for /readiness 200 and returns the node's gRPC client. */
  public NodeServiceGrpc.NodeServiceBlockingStub awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("node did not become ready; see " + dataDir + ".log");
      }
      Integer http = port("http");
      if (http != null && ready(http)) {
        return GrpcClients.builder("http://127.0.0.1:" + port("grpc")).responseTimeoutMillis(60_000)
            .maxResponseLength(0).build(NodeServiceGrpc.NodeServiceBlockingStub.class);
      }
      Thread.sleep(5);
    }
  }

  /** The node's async gRPC client; call after {@link #awaitReady}. */
  public NodeServiceGrpc.NodeServiceStub asyncClient() {
    return GrpcClients.builder("http://127.0.0.1:" + port("grpc")).responseTimeoutMillis(60_000)
        .maxResponseLength(0).build(NodeServiceGrpc.NodeServiceStub.class);
  }

  /** The node's gRPC port; call after {@link #awaitReady}. */
  public int grpcPort() {
    return port("grpc");
  }

  /** The node's HTTP port; call after {@link #awaitReady}. */
  public int httpPort() {
    return port("http");
  }

  private Integer port(String name) {
    try {
      Matcher m = Pattern.compile("\"" + name + "\":\\s*(\\d+)").matcher(Files.readString(dataDir.resolve(
          "ports.json")));
      return m.find() ? Integer.parseInt(m.group(1)) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean ready(int port) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readiness")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The node JVM's resident memory (the launcher execs java, so it is this process; containers are not counted). */
  public long rssKb() throws IOException {
    return statusField("VmRSS:");
  }

  /** The node JVM's threads now. */
  public long threads() throws IOException {
    return statusField("Threads:");
  }

  private long statusField(String field) throws IOException {
    ProcessHandle jvm = process.toHandle();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no " + field + " for pid " + jvm.pid());
  }

  /** SIGKILL to the node alone (the launcher execs java): its containers must survive it. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
