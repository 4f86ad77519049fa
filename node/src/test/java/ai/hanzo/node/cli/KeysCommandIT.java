package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-admin bootstrap: keys made on a stopped node's data directory work against the running node. */
class KeysCommandIT {
  private static final Pattern KEY = Pattern.compile("(?m)^key +(hzk_\\S+)$");
  private static final Pattern ID = Pattern.compile("(?m)^id +(\\S+)$");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dataDir;

  @Test
  void createdKeyAuthenticatesUntilRevoked() throws Exception {
    CliHarness create = new CliHarness();
    assertThat(create.run(Map.of(), "keys", "create", "--role", "admin", "--name", "first-admin",
        "--data-dir", dataDir.toString())).as(create.err()).isEqualTo(0);
    String key = group(KEY, create.out());
    String id = group(ID, create.out());
    assertThat(create.err()).contains("not shown again");

    NodeApp node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600));
    try {
      assertThat(status(node, key)).isEqualTo(200);
      assertThat(status(node, key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")))
          .isEqualTo(401);
      // While the node runs, the command goes to its API (found through ports.json), which wants admin credentials.
      CliHarness whileRunning = new CliHarness();
      assertThat(whileRunning.run(Map.of(), "keys", "ls", "--data-dir", dataDir.toString())).isEqualTo(1);
      assertThat(whileRunning.err()).contains("hanzo-node keys ls:").contains("needs credentials");
      CliHarness asAdmin = new CliHarness();
      assertThat(asAdmin.run(Map.of(), "keys", "ls", "--data-dir", dataDir.toString(), "--api-key", key))
          .as(asAdmin.err()).isEqualTo(0);
      assertThat(asAdmin.out()).contains(id).contains("first-admin").doesNotContain(key);
    } finally {
      node.stop();
    }

    CliHarness ls = new CliHarness();
    assertThat(ls.run(Map.of(), "keys", "ls", "--data-dir", dataDir.toString())).isEqualTo(0);
    assertThat(ls.out()).contains(id).contains("first-admin").contains("admin").doesNotContain(key);
    CliHarness revoke = new CliHarness();
    assertThat(revoke.run(Map.of(), "keys", "revoke", id, "--data-dir", dataDir.toString())).isEqualTo(0);

    NodeApp restarted = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600));
    try {
      assertThat(status(restarted, key)).isEqualTo(401);
    } finally {
      restarted.stop();
    }
  }

  @Test
  void unknownRoleAndUnknownIdAreCleanErrors() {
    CliHarness badRole = new CliHarness();
    assertThat(badRole.run(Map.of(), "keys", "create", "--role", "root", "--data-dir", dataDir.toString()))
        .isEqualTo(2);
    assertThat(badRole.err()).contains("unknown role 'root'");
    CliHarness badId = new CliHarness();
    assertThat(badId.run(Map.of(), "keys", "revoke", "nope", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(badId.err()).contains("no key with id 'nope'");
  }

  private static int status(NodeApp node, String key) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.boundPorts().get("http")
        + "/v1/status")).header("x-api-key", key).timeout(Duration.ofSeconds(20)).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }
}
