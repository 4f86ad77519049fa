package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.p2p.NodeIdentity;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hanzo-node allocate} and {@code deploy --allocation} as users run them: CLI processes of the packaged jar
 * against node A of two real node processes (process runtime, IAM on; B takes holds from A's peer). Create on B,
 * list and show it, deploy into it (it lands on B and the allocation says used), release another one, and the
 * refusals: a bad --ttl is exit 2 with one line, an allocation no node can hold is exit 1 naming the nodes.
 */
class AllocateCliIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** One CLI run: its exit code and everything it printed. */
  private record Run(int exit, String out) {}

  private Run cli(String endpoint, String key, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(NodeProcess.java());
    command.addAll(List.of("-jar", NodeProcess.jar().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint", endpoint, "--api-key", key));
    Path out = Files.createTempFile(tmp, "cli", ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("hanzo-node " + String.join(" ", args) + " did not end: " + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  @Test
  void allocateListShowDeployIntoAndRelease() throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    NodeIdentity.loadOrCreate(dirB);
    IamNodeFixture.withDatabase(dirB, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("operator")));
      return null;
    });
    String key = IamNodeFixture.createKey(dirA, "operator", "acme", null);
    String adminA = IamNodeFixture.createKey(dirA, "admin", null);
    Path compose = tmp.resolve("inside.yml");
    Files.writeString(compose, """
        services:
          app:
            image: process
            command: ["sleep", "300"]
            deploy:
              resources:
                reservations:
                  memory: 16M
        """);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--iam-enabled", "--iam-secret",
        IamNodeFixture.SECRET};
    try (NodeGroup nodes = new NodeGroup(common)) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      a.awaitReady(WAIT);
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", a.p2pAddress(peerA));
      b.awaitReady(WAIT);
      String endpoint = a.grpcEndpoint();
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> NodeGroup.readyNodes(a.httpBase(), adminA).contains("node-b"));
      String deployed = null;
      try {
        Run made = cli(endpoint, key, "allocate", "create", "--memory", "64M", "--constraint", "node_id=node-b",
            "--ttl", "10m", "-o", "json");
        assertThat(made.exit()).as(made.out()).isZero();
        JsonNode allocation = JSON.readTree(made.out());
        String id = allocation.path("id").asText();
        assertThat(id).startsWith("alloc-");
        assertThat(allocation.path("nodes").get(0).path("nodeId").asText()).isEqualTo("node-b");
        assertThat(allocation.path("expiresAt").asText()).isNotEmpty();

        Run ls = cli(endpoint, key, "allocate", "ls");
        assertThat(ls.exit()).as(ls.out()).isZero();
        assertThat(ls.out()).contains("ALLOCATION").contains(id).contains("active");
        Run show = cli(endpoint, key, "allocate", "show", id);
        assertThat(show.exit()).as(show.out()).isZero();
        assertThat(show.out()).contains("node-b").contains("EXPIRES").contains("64M");

        Run deploy = cli(endpoint, key, "deploy", "-f", compose.toString(), "--id", "inside", "--allocation", id);
        assertThat(deploy.exit()).as(deploy.out()).isZero();
        deployed = "inside";
        assertThat(deploy.out()).contains("node-b");
        JsonNode used = JSON.readTree(cli(endpoint, key, "allocate", "show", id, "-o", "json").out());
        assertThat(used.path("state").asText()).isEqualTo("used");
        assertThat(used.path("nodes").get(0).path("usedBy").asText()).isEqualTo("inside");

        Run other = cli(endpoint, key, "allocate", "create", "--memory", "32M", "--constraint", "node_id=node-b",
            "-o", "json");
        assertThat(other.exit()).as(other.out()).isZero();
        String otherId = JSON.readTree(other.out()).path("id").asText();
        Run released = cli(endpoint, key, "allocate", "release", otherId);
        assertThat(released.exit()).as(released.out()).isZero();
        assertThat(released.out()).contains(otherId).contains("released on every node");

        Run badTtl = cli(endpoint, key, "allocate", "create", "--memory", "32M", "--ttl", "5x");
        assertThat(badTtl.exit()).isEqualTo(2);
        assertThat(badTtl.out().strip()).doesNotContain("\n").contains("--ttl");
        Run tooShort = cli(endpoint, key, "allocate", "create", "--ttl", "5s");
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.out().strip()).doesNotContain("\n").contains("10s to 24h");
        Run both = cli(endpoint, key, "deploy", "-f", compose.toString(), "--allocation", id, "--anywhere");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.out().strip()).doesNotContain("\n").contains("--allocation");

        Run tooBig = cli(endpoint, key, "allocate", "create", "--memory", "100000G");
        assertThat(tooBig.exit()).as(tooBig.out()).isEqualTo(1);
        assertThat(tooBig.out().strip()).doesNotContain("\n").contains("RESOURCE_EXHAUSTED").contains("node-b")
            .contains("node-a");
      } finally {
        if (deployed != null) {
          cli(endpoint, key, "rm", deployed); // its process on B outlives B by design
        }
      }
    }
  }
}
