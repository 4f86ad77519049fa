package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.client.ClientSettings;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.NodeIdentity;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.storage.RoleRecord;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.websocket.WebSocketClient;
import com.linecorp.armeria.client.websocket.WebSocketSession;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exec through the placing node, with three real node processes on loopback running the process runtime and IAM.
 * A places {@code shell} on B ({@code --anywhere --constraint node_id=node-b}); then, all asked of A: the CLI's
 * {@code exec -i} feeds stdin and gets stdout, stderr and the exit code 3 back; /ws/exec is interactive; a caller of
 * another org gets NOT_FOUND as for a local container; a gRPC exec that runs while B is killed ends with UNAVAILABLE
 * naming node-b within a bound. C, whose peer B binds to a role that may deploy but not exec, places {@code other}
 * on B and is refused its exec, which B audits. B audits A's sessions as {@code p2p:deploy call=exec} with A's
 * caller org; A audits {@code p2p:forward call=exec}.
 */
class PlacedExecIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void execInAContainerPlacedOnAnotherNodeGoesThroughThePlacingNode(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    NodeIdentity.loadOrCreate(dirB);
    String peerC = NodeIdentity.loadOrCreate(dirC).peerId().toString();
    // B takes placements and execs from A's peer (operator: deployment:*, container:*); C's peer may place and
    // read, not exec.
    IamNodeFixture.withDatabase(dirB, db -> {
      db.roles().putRole(new RoleRecord("placer", List.of("deployment:*", "logs:read"), List.of()));
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerC, List.of("placer")));
      return null;
    });
    String keyA = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String globexA = IamNodeFixture.createKey(dirA, "operator", "globex", null);
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    String keyC = IamNodeFixture.createKey(dirC, "operator", "acme", null);
    String adminC = IamNodeFixture.createKey(dirC, "admin", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};
    Path shell = tmp.resolve("shell.yml");
    Files.writeString(shell, """
        name: shell
        services:
          web:
            image: process
            command: ["sh", "-c", "while sleep 1; do :; done"]
        """);
    Path other = tmp.resolve("other.yml");
    Files.writeString(other, Files.readString(shell).replace("name: shell", "name: other"));

    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = nodes.start(dirC, "--node-id", "node-c", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      int grpcC = c.awaitReady(WAIT).get("grpc");
      String endpointA = "127.0.0.1:" + grpcA;
      String endpointC = "127.0.0.1:" + grpcC;
      String baseA = "http://127.0.0.1:" + a.ports().get("http");
      String baseC = "http://127.0.0.1:" + c.ports().get("http");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseA, adminA),
          heard -> heard.contains("node-b"));
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> NodeGroup.readyNodes(baseC, adminC),
          heard -> heard.contains("node-b"));

      CliRun placed = CliRun.of("deploy", "-f", shell.toString(), "--anywhere", "--constraint", "node_id=node-b",
          "--endpoint", endpointA, "--api-key", keyA);
      assertThat(placed.exit()).as(placed.out()).isZero();
      assertThat(placed.out()).contains("NODE         node-b");
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("ps", "--endpoint", endpointA, "--api-key", keyA).out(),
              out -> out.lines().anyMatch(l -> l.startsWith("shell ") && l.contains("node-b")
                  && l.contains("1/1")));

      // The CLI through A: stdin in, stdout and stderr apart, the command's exit code as the CLI's.
      Path stdin = tmp.resolve("stdin.txt");
      Files.writeString(stdin, "hello from a\n");
      Cli exec = Cli.run(stdin, "exec", "-i", "--endpoint", endpointA, "--api-key", keyA,
          "shell-web-1", "--", "sh", "-c", "cat; echo oops >&2; exit 3");
      assertThat(exec.exit()).as(exec.stdout() + exec.stderr()).isEqualTo(3);
      assertThat(exec.stdout()).isEqualTo("hello from a\n");
      assertThat(exec.stderr()).isEqualTo("oops\n");

      // /ws/exec through A is interactive.
      try (ClientFactory factory = ClientFactory.builder().build()) {
        WebSocketSession session = WebSocketClient.builder(baseA).factory(factory).addHeader("x-api-key", keyA)
            .build().connect("/ws/exec/shell-web-1?command=cat").get(30, TimeUnit.SECONDS);
        FrameCollector frames = new FrameCollector();
        session.inbound().subscribe(frames);
        WebSocketWriter out = session.outbound();
        out.write(WebSocketFrame.ofBinary("ping".getBytes(StandardCharsets.UTF_8)));
        assertThat(Json.parse(frames.next(), ExecOutput.newBuilder()).build().getStdout().toStringUtf8())
            .isEqualTo("ping");
        out.write(WebSocketFrame.ofBinary(new byte[0]));
        ExecOutput last = Json.parse(frames.next(), ExecOutput.newBuilder()).build();
        assertThat(last.getDone()).isTrue();
        assertThat(last.getExitCode()).isZero();
        assertThat(frames.ended.await(30, TimeUnit.SECONDS)).isTrue();
        out.close();
      }

      // A terminal through A starts at the size asked and follows a resize: the resize crosses to B as a
      // deploy-exec frame and reaches the command's pty there.
      try (ClientFactory factory = ClientFactory.builder().build()) {
        WebSocketSession session = WebSocketClient.builder(baseA).factory(factory).addHeader("x-api-key", keyA)
            .build().connect("/ws/exec/shell-web-1?tty=true&rows=33&cols=101&command=sh&command=-c&command="
                + URLEncoder.encode("stty size; read line; stty size", StandardCharsets.UTF_8))
            .get(30, TimeUnit.SECONDS);
        FrameCollector frames = new FrameCollector();
        session.inbound().subscribe(frames);
        WebSocketWriter out = session.outbound();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("33 101")) {
          seen.append(Json.parse(frames.next(), ExecOutput.newBuilder()).build().getStdout().toStringUtf8());
        }
        out.write(WebSocketFrame.ofText("{\"resize\": {\"rows\": 60, \"cols\": 200}}"));
        out.write(WebSocketFrame.ofBinary("\n".getBytes(StandardCharsets.UTF_8)));
        while (!seen.toString().contains("60 200")) {
          seen.append(Json.parse(frames.next(), ExecOutput.newBuilder()).build().getStdout().toStringUtf8());
        }
        out.close();
      }

      // Another org's caller of A finds no such container, as for a local one.
      CliRun globex = CliRun.of("exec", "--endpoint", endpointA, "--api-key", globexA, "shell-web-1", "--",
          "true");
      assertThat(globex.exit()).as(globex.out()).isNotZero();
      assertThat(globex.out()).contains("NOT_FOUND");

      // C may place on B but its peer may not exec there: B refuses and says why.
      CliRun placedByC = CliRun.of("deploy", "-f", other.toString(), "--anywhere", "--constraint",
          "node_id=node-b", "--endpoint", endpointC, "--api-key", keyC);
      assertThat(placedByC.exit()).as(placedByC.out()).isZero();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> CliRun.of("ps", "--endpoint", endpointC, "--api-key", keyC).out(),
              out -> out.lines().anyMatch(l -> l.startsWith("other ") && l.contains("1/1")));
      CliRun denied = CliRun.of("exec", "--endpoint", endpointC, "--api-key", keyC, "other-web-1", "--",
          "true");
      assertThat(denied.exit()).as(denied.out()).isNotZero();
      assertThat(denied.out()).contains("PERMISSION_DENIED").contains("node node-b")
          .contains("lacks container:execute");
      CliRun removed = CliRun.of("rm", "other", "--endpoint", endpointC, "--api-key", keyC);
      assertThat(removed.exit()).as(removed.out()).isZero();

      // A gRPC exec through A while B is killed: the call ends with UNAVAILABLE naming node-b, never a hang.
      try (NodeClient client = new NodeClient(new ClientSettings(endpointA, null, keyA, Duration.ofSeconds(60)))) {
        CountDownLatch running = new CountDownLatch(1);
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(feed);
        CompletableFuture<Object> ended = CompletableFuture.supplyAsync(() -> {
          try {
            return client.exec("shell-web-1", List.of("sh", "-c", "echo running; cat"), false, input,
                new Watch(running), new ByteArrayOutputStream());
          } catch (NodeException e) {
            return e;
          }
        });
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        nodes.kill(b);
        Object outcome = ended.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(15));
        assertThat(outcome).isInstanceOf(NodeException.class);
        assertThat(((NodeException) outcome).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(((NodeException) outcome).getMessage()).contains("node node-b");
        feed.close();
      }

      nodes.terminateAll(Duration.ofSeconds(30));
      assertThat(audit(dirB, "p2p:deploy")).contains("peer:" + peerA + " shell-web-1 OK acme exec")
          .contains("peer:" + peerC + " other-web-1 DENIED acme exec");
      assertThat(audit(dirA, "p2p:forward")).contains("apikey: shell OK acme exec");
    }
  }

  /** The CLI as a real process with stdin from a file and stdout and stderr apart. */
  private record Cli(int exit, String stdout, String stderr) {
    static Cli run(Path stdin, String... args) throws Exception {
      List<String> cmd = new ArrayList<>(NodeProcess.java());
      cmd.addAll(List.of("-jar", NodeProcess.jar().toString()));
      cmd.addAll(List.of(args));
      Path out = Files.createTempFile("cli", ".out");
      Path err = Files.createTempFile("cli", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(stdin.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("HANZO_"));
      Process p = pb.start();
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          throw new AssertionError("the CLI did not exit within 60 s: " + Files.readString(out)
              + Files.readString(err));
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        p.destroyForcibly();
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }

  /** Counts {@code seen} down once the command printed its first line. */
  private static final class Watch extends OutputStream {
    private final CountDownLatch seen;

    Watch(CountDownLatch seen) {
      this.seen = seen;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n') {
        seen.countDown();
      }
    }
  }

  /** One action's entries in a stopped node's audit log: principal (API keys by kind), resource, outcome, org, call. */
  private static List<String> audit(Path dataDir, String action) {
    return IamNodeFixture.withDatabase(dataDir, db -> db.audit()
        .query(Instant.EPOCH, Instant.now().plusSeconds(60), 1000).stream()
        .filter(e -> e.action().equals(action))
        .map(PlacedExecIT::line)
        .toList());
  }

  private static String line(AuditEntry e) {
    String principal = e.principal().startsWith("apikey:") ? "apikey:" : e.principal();
    return principal + " " + e.resource() + " " + e.outcome() + " " + e.details().get("caller_org") + " "
        + e.details().get("call");
  }
}
