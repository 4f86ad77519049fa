package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that lost its identity.key refuses to start under a new PeerId (exit 2, one line saying what to do) unless
 * told to with --new-identity; a fresh data directory still gets its key silently.
 */
class IdentityKeptIT {
  private static final Pattern PEER_ID = Pattern.compile("libp2p listening on \\S+/p2p/(\\S+)");

  @Test
  void aDeletedKeyIsNotSilentlyReplaced(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    String firstPeerId;
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      node.awaitReady(Duration.ofSeconds(60));
      firstPeerId = peerId(node.output());
      assertThat(node.terminate(Duration.ofSeconds(30))).as(node.output()).isZero();
    }
    Files.delete(dataDir.resolve("identity.key"));

    try (NodeProcess refused = NodeProcess.start(dataDir)) {
      assertThat(refused.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(refused.process().exitValue()).as(refused.output()).isEqualTo(2);
      assertThat(refused.output()).contains("hanzo-node run: " + dataDir.resolve("identity.key") + " is missing")
          .contains(firstPeerId).contains("--new-identity");
    }
    assertThat(dataDir.resolve("identity.key")).as("no key was created").doesNotExist();
    CliHarness id = new CliHarness();
    assertThat(id.run(Map.of(), "id", "--data-dir", dataDir.toString())).as(id.err()).isEqualTo(2);
    assertThat(id.err()).contains("is missing").doesNotContain("Exception");
    assertThat(dataDir.resolve("identity.key")).as("nor by `id`").doesNotExist();

    try (NodeProcess renewed = NodeProcess.start(dataDir, "--new-identity")) {
      renewed.awaitReady(Duration.ofSeconds(60));
      assertThat(peerId(renewed.output())).isNotEqualTo(firstPeerId);
      assertThat(renewed.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  @Test
  void aFreshDirectoryAndOneWithOnlyAnOfflineKeyGetAKey(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    CliHarness keys = new CliHarness();
    assertThat(keys.run(Map.of(), "keys", "create", "--role", "admin", "--name", "first",
        "--data-dir", dataDir.toString())).as(keys.err()).isZero();
    try (NodeProcess node = NodeProcess.start(dataDir)) {
      node.awaitReady(Duration.ofSeconds(60));
      assertThat(dataDir.resolve("identity.key")).exists();
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private static String peerId(String output) {
    Matcher m = PEER_ID.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }
}
