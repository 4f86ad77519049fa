package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.NodeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as users run it: a node process, and client processes talking to it. */
class ClientCommandsProcessIT {
  static final Path JAR = Path.of("target", "hanzo-node.jar");

  @TempDir Path dataDir;

  private static Process java(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(NodeProcess.java());
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void clientCommandsTalkToARunningNodeProcess() throws Exception {
    Process node = java(dataDir.resolveSibling(dataDir.getFileName() + "-node.log"), "run",
        "--p2p-addr", "/ip4/127.0.0.1/tcp/0", "--data-dir",
        dataDir.toString(), "--grpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0");
    try {
      Path ports = dataDir.resolve("ports.json");
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(ports) || !node.isAlive());
      assertThat(node.isAlive()).isTrue();
      Matcher m = Pattern.compile("\"grpc\": (\\d+)").matcher(Files.readString(ports));
      assertThat(m.find()).isTrue();
      String endpoint = "127.0.0.1:" + m.group(1);

      Path out = dataDir.resolveSibling(dataDir.getFileName() + "-client.out");
      Process status = java(out, "--endpoint", endpoint, "status");
      assertThat(status.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(status.exitValue()).as(Files.readString(out)).isZero();
      assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("STATE        READY");

      Process missing = java(out, "status", "--node-id", "nobody", "--endpoint", endpoint);
      assertThat(missing.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(missing.exitValue()).isEqualTo(1);
      assertThat(Files.readString(out)).contains("node 'nobody' not found");
    } finally {
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(node.exitValue()).isZero();
  }

  /** The README's quick start, command for command: the example Compose file on a node with the process runtime. */
  @Test
  void theQuickStartExampleRunsThroughTheCli() throws Exception {
    Path example = Path.of("..", "examples", "hello", "compose.yml");
    assertThat(example).exists();
    Process node = java(dataDir.resolveSibling(dataDir.getFileName() + "-node.log"), "run", "--runtime", "process",
        "--p2p-addr", "/ip4/127.0.0.1/tcp/0", "--data-dir", dataDir.toString(), "--grpc-addr", "127.0.0.1:0",
        "--http-addr", "127.0.0.1:0");
    String endpoint = null;
    try {
      Path ports = dataDir.resolve("ports.json");
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(ports) || !node.isAlive());
      assertThat(node.isAlive()).isTrue();
      Matcher m = Pattern.compile("\"grpc\": (\\d+)").matcher(Files.readString(ports));
      assertThat(m.find()).isTrue();
      endpoint = "127.0.0.1:" + m.group(1);
      Path out = dataDir.resolveSibling(dataDir.getFileName() + "-client.out");
      String api = endpoint;

      assertThat(client(out, endpoint, "deploy", "-f", example.toString())).containsPattern("DEPLOYMENT +hello\n");
      await().atMost(Duration.ofSeconds(60)).until(() -> client(out, api, "ps"),
          ps -> ps.matches("(?s).*\\nhello +hello +\\S+ +running +1/1 +1\\n.*"));
      await().atMost(Duration.ofSeconds(60)).until(() -> client(out, api, "logs", "hello"),
          logs -> logs.contains("hello from hanzo-node"));
      assertThat(client(out, endpoint, "exec", "hello-web-1", "--", "echo", "hi")).isEqualTo("hi\n");
      client(out, endpoint, "rm", "hello");
      assertThat(client(out, endpoint, "ps")).doesNotContain("hello");
    } finally {
      if (endpoint != null) { // the example's process must not outlive a failed test
        java(dataDir.resolveSibling("cleanup.out"), "--endpoint", endpoint, "rm", "hello").waitFor(90,
            TimeUnit.SECONDS);
      }
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs one client command against {@code endpoint}; it must exit 0. Returns what it printed. */
  private static String client(Path out, String endpoint, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--endpoint", endpoint));
    all.addAll(List.of(args));
    Process p = java(out, all.toArray(String[]::new));
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + printed).isZero();
    return printed;
  }
}
