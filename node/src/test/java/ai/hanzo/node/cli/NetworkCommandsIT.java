package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.cli.ClientCommandsIT.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code network}, {@code providers} and {@code command} against a lone real node (in this JVM, port 0). */
class NetworkCommandsIT {
  @TempDir static Path dataDir;
  static NodeApp node;
  static String endpoint;

  @BeforeAll
  static void start() throws Exception {
    node = ClientCommandsIT.startNode(dataDir);
    endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  @Test
  void networkShowsTheDhtAndTheTopics() {
    Result r = ClientCommandsIT.run("network", "--endpoint", endpoint);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("DHT").contains("server, 0 peers in the routing table")
        .contains("hanzo/heartbeat/v1 (mesh 0").contains("hanzo/commands/v1");
  }

  @Test
  void providersPrintsATableAndNamesABadCapability() {
    Result ok = ClientCommandsIT.run("providers", "runtime/process", "--endpoint", endpoint);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("PEER");
    Result bad = ClientCommandsIT.run("providers", "cpu", "--endpoint", endpoint);
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("runtime/<name>, gpu/<model> or model/<name>");
  }

  @Test
  void commandsNeedAKnownActionAndSomeoneToSendThemTo() {
    Result unknown = ClientCommandsIT.run("command", "explode", "--target", "node-x", "--endpoint", endpoint);
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("drain, cordon, uncordon");
    Result alone = ClientCommandsIT.run("command", "drain", "--target", "node-x", "--endpoint", endpoint);
    assertThat(alone.exit()).as("a lone node has no peer to publish to").isEqualTo(1);
    assertThat(alone.err()).contains("no peer took the command");
  }
}
