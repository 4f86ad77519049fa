package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.cli.ClientCommandsIT.Result;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.storage.RoleRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and bindings managed on a running node with IAM on, through the admin API and the same CLI verbs as on a
 * stopped node: admins only, the secret shown once and never audited, a revoked key refused at once.
 */
class KeysApiIT {
  private static final Pattern SECRET = Pattern.compile("key +(hzk_\\S+)");
  private static final Pattern ID = Pattern.compile("id +(\\S+)");

  @TempDir static Path dataDir;
  static NodeApp node;
  static String endpoint;
  static String adminKey;
  static String viewerKey;
  /** A custom role with admin:read only, in org acme: it may list keys, but only its org's. */
  static String acmeAuditorKey;

  @BeforeAll
  static void start() throws Exception {
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    viewerKey = IamNodeFixture.createKey(dataDir, "viewer", null);
    IamNodeFixture.withDatabase(dataDir, db -> {
      db.roles().putRole(new RoleRecord("org-auditor", List.of("admin:read"), List.of()));
      return null;
    });
    acmeAuditorKey = IamNodeFixture.createKey(dataDir, "org-auditor", "acme", null);
    IamNodeFixture.createKey(dataDir, "operator", "acme", null);
    IamNodeFixture.createKey(dataDir, "operator", "globex", null);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(6000), TlsConfig.NONE,
        new RuntimeConfig("process", ""));
    endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  private static Result as(String key, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", endpoint, "--api-key", key));
    return ClientCommandsIT.run(all.toArray(String[]::new));
  }

  @Test
  void anAdminCreatesUsesAndRevokesAKeyOnTheRunningNode() throws Exception {
    Result created = as(adminKey, "keys", "create", "--role", "operator", "--name", "ci");
    assertThat(created.exit()).as(created.err()).isZero();
    Matcher secret = SECRET.matcher(created.out());
    Matcher id = ID.matcher(created.out());
    assertThat(secret.find()).as(created.out()).isTrue();
    assertThat(id.find()).isTrue();
    String newKey = secret.group(1);

    Result used = as(newKey, "ps");
    assertThat(used.exit()).as(used.err()).isZero();
    Result listed = as(adminKey, "keys", "ls");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).containsPattern(Pattern.quote(id.group(1)) + " +ci +operator .* yes")
        .doesNotContain(newKey).doesNotContain("hzk_");

    Result revoked = as(adminKey, "keys", "revoke", id.group(1));
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    Result refused = as(newKey, "ps");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("UNAUTHENTICATED");
    assertThat(http("GET", "/v1/deployments", newKey, null).statusCode()).isEqualTo(401);
    assertThat(as(adminKey, "keys", "revoke", "no-such-key").exit()).isEqualTo(1);

    Result audit = as(adminKey, "audit", "--action", "ApiKey");
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("CreateApiKey").contains("RevokeApiKey").doesNotContain(newKey)
        .doesNotContain("hzk_");
  }

  @Test
  void aViewerCannotManageKeysOrBindings() throws Exception {
    Result create = as(viewerKey, "keys", "create", "--role", "admin");
    assertThat(create.exit()).isEqualTo(1);
    assertThat(create.err()).contains("lacks admin:manage");
    assertThat(as(viewerKey, "keys", "ls").err()).contains("lacks admin:read");
    assertThat(as(viewerKey, "bindings", "set", "cert:spiffe://x", "admin").err()).contains("lacks admin:manage");
    assertThat(http("POST", "/v1/keys", viewerKey, "{\"role\": \"admin\"}").statusCode()).isEqualTo(403);
    assertThat(http("GET", "/v1/bindings", viewerKey, null).statusCode()).isEqualTo(403);
  }

  @Test
  void anAdminBindsAndUnbindsASubjectOverGrpcAndHttp() throws Exception {
    Result set = as(adminKey, "bindings", "set", "cert:spiffe://hanzo/ci", "operator,viewer");
    assertThat(set.exit()).as(set.err()).isZero();
    HttpResponse<String> listed = http("GET", "/v1/bindings", adminKey, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("cert:spiffe://hanzo/ci").contains("operator");
    Result unknownRole = as(adminKey, "bindings", "set", "cert:x", "superuser");
    assertThat(unknownRole.exit()).isEqualTo(1);
    assertThat(unknownRole.err()).contains("roles: unknown role 'superuser'");

    assertThat(as(adminKey, "bindings", "rm", "cert:spiffe://hanzo/ci").exit()).isZero();
    assertThat(as(adminKey, "bindings", "ls").out()).doesNotContain("cert:spiffe://hanzo/ci");
    assertThat(as(adminKey, "bindings", "rm", "cert:spiffe://hanzo/ci").exit()).isEqualTo(1);

    HttpResponse<String> created = http("POST", "/v1/keys", adminKey, "{\"role\": \"viewer\", \"name\": \"web\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).contains("\"secret\"").contains("hzk_");
  }

  @Test
  void aCallerConfinedToOneOrgListsOnlyItsOrgsKeysAndNoBindings() throws Exception {
    Result all = as(adminKey, "keys", "ls");
    assertThat(all.out()).contains(" globex ").contains(" acme ").contains("it-admin");

    Result listed = as(acmeAuditorKey, "keys", "ls");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("it-org-auditor").containsPattern("it-operator +operator +acme ")
        .doesNotContain("globex").doesNotContain("it-admin").doesNotContain("it-viewer");
    HttpResponse<String> overHttp = http("GET", "/v1/keys", acmeAuditorKey, null);
    assertThat(overHttp.statusCode()).isEqualTo(200);
    assertThat(overHttp.body()).contains("\"org\": \"acme\"").doesNotContain("globex")
        .doesNotContain("it-admin");

    Result bindings = as(acmeAuditorKey, "bindings", "ls");
    assertThat(bindings.exit()).isEqualTo(1);
    assertThat(bindings.err()).contains("role bindings are node-wide").contains("org acme");
    HttpResponse<String> bindingsOverHttp = http("GET", "/v1/bindings", acmeAuditorKey, null);
    assertThat(bindingsOverHttp.statusCode()).isEqualTo(403);
    assertThat(bindingsOverHttp.body()).contains("\"code\": \"PERMISSION_DENIED\"");

    Matcher globexId = Pattern.compile("(?m)^(\\S+) +it-operator +operator +globex ").matcher(all.out());
    assertThat(globexId.find()).as(all.out()).isTrue();
    assertThat(as(acmeAuditorKey, "keys", "revoke", globexId.group(1)).err()).contains("lacks admin:manage");
    assertThat(http("DELETE", "/v1/keys/" + globexId.group(1), acmeAuditorKey, null).statusCode()).isEqualTo(403);
    assertThat(as(acmeAuditorKey, "keys", "create", "--role", "viewer", "--org", "globex").err())
        .contains("lacks admin:manage");
    assertThat(as(adminKey, "keys", "ls").out()).as("nothing was revoked").containsPattern(
        Pattern.quote(globexId.group(1)) + " +it-operator +operator +globex .* yes");
  }

  private static HttpResponse<String> http(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + node.boundPorts().get("http") + path)).header("x-api-key", key)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
