package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.QueryUsageResponse;
import ai.hanzo.node.api.v1.UsageEntry;
import ai.hanzo.node.api.v1.UsageTotal;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.storage.RoleRecord;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage records on a real node with IAM (API keys of two organisations) serving a tiny llama model: what each
 * request recorded, the totals per org and model, org scoping (an admin of one org never sees the other's),
 * paging, the Prometheus counters, the CLI, and the records surviving a restart of the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferenceUsageIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", System.nanoTime());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir static Path root;
  static Path dataDir;
  static NodeApp node;
  static String nodeAdminKey;
  /** usage:read (and inference:execute) bound to acme: an admin of acme only. */
  static String acmeAdminKey;
  static String acmeKey;
  static String globexKey;
  static String viewerKey;
  static Instant before;

  @BeforeAll
  static void startAndGenerate() throws Exception {
    System.out.println("InferenceUsageIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    dataDir = root.resolve("data");
    ModelStore.in(dataDir, Clock.systemUTC()).add(TinyLlama.write(root, SEED), "tiny");
    IamNodeFixture.withDatabase(dataDir, db -> {
      db.roles().putRole(new RoleRecord("org-admin", List.of("usage:read", "inference:execute"), List.of()));
      return null;
    });
    nodeAdminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    acmeAdminKey = IamNodeFixture.createKey(dataDir, "org-admin", "acme", null);
    acmeKey = IamNodeFixture.createKey(dataDir, "operator", "acme", null);
    globexKey = IamNodeFixture.createKey(dataDir, "operator", "globex", null);
    viewerKey = IamNodeFixture.createKey(dataDir, "viewer", "acme", null);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(6000));
    before = Instant.now().minusSeconds(1);

    Random random = new Random(SEED);
    for (int i = 0; i < 3; i++) {
      String prompt = "hello " + random.nextInt(1000);
      assertThat(post("/v1/inference", acmeKey, "{\"model\": \"tiny\", \"prompt\": \"" + prompt + "\","
          + " \"max_tokens\": 3, \"temperature\": 0}").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> stream = post("/v1/chat/completions", globexKey, "{\"model\": \"tiny\", \"messages\":"
        + " [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2, \"temperature\": 0, \"stream\": true}");
    assertThat(stream.body()).contains("[DONE]");
    assertThat(post("/v1/completions", globexKey, "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 2,"
        + " \"temperature\": 0}").statusCode()).isEqualTo(200);
    // an unknown model processes nothing and is not recorded
    assertThat(post("/v1/inference", acmeKey, "{\"model\": \"nope\", \"prompt\": \"hi\"}").statusCode())
        .isEqualTo(404);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  @Order(1)
  void everyRequestIsRecordedWithItsTokensCallerOrgAndApi() {
    QueryUsageResponse all = admin(nodeAdminKey).queryUsage(QueryUsageRequest.getDefaultInstance());

    assertThat(all.getRecordsList()).hasSize(5);
    assertThat(all.getNextPageToken()).isEmpty();
    assertThat(all.getTotalsComplete()).isTrue();
    List<UsageEntry> acme = all.getRecordsList().stream().filter(r -> r.getOrg().equals("acme")).toList();
    assertThat(acme).hasSize(3).allSatisfy(r -> {
      assertThat(r.getModel()).isEqualTo("tiny");
      assertThat(r.getApi()).isEqualTo("inference");
      assertThat(r.getSubject()).startsWith("apikey:");
      assertThat(r.getRequestId()).startsWith("inf-");
      assertThat(r.getPromptTokens()).isPositive();
      assertThat(r.getCompletionTokens()).isEqualTo(3);
      assertThat(r.getFinishReason()).isEqualTo("length");
      assertThat(Instant.parse(r.getTime())).isAfter(before);
    });
    List<UsageEntry> globex = all.getRecordsList().stream().filter(r -> r.getOrg().equals("globex")).toList();
    assertThat(globex).extracting(UsageEntry::getApi).containsExactly("chat", "completions");
    assertThat(globex).allSatisfy(r -> assertThat(r.getCompletionTokens()).isEqualTo(2));
    assertThat(globex.get(0).getRequestId()).startsWith("chatcmpl-");

    assertThat(all.getTotalsList()).hasSize(2);
    UsageTotal acmeTotal = total(all, "acme");
    assertThat(acmeTotal.getRequests()).isEqualTo(3);
    assertThat(acmeTotal.getCompletionTokens()).isEqualTo(9);
    assertThat(acmeTotal.getPromptTokens())
        .isEqualTo(acme.stream().mapToLong(UsageEntry::getPromptTokens).sum());
    assertThat(acmeTotal.getTotalTokens()).isEqualTo(acmeTotal.getPromptTokens() + 9);
    assertThat(total(all, "globex").getRequests()).isEqualTo(2);
    assertThat(total(all, "globex").getCompletionTokens()).isEqualTo(4);
  }

  @Test
  @Order(2)
  void anAdminOfOneOrgSeesOnlyItsOrgWhateverItsFilters() throws Exception {
    QueryUsageResponse acme = admin(acmeAdminKey).queryUsage(QueryUsageRequest.getDefaultInstance());
    assertThat(acme.getRecordsList()).hasSize(3).allSatisfy(r -> assertThat(r.getOrg()).isEqualTo("acme"));
    assertThat(acme.getTotalsList()).singleElement().satisfies(t -> assertThat(t.getOrg()).isEqualTo("acme"));

    QueryUsageResponse foreign = admin(acmeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setOrg("globex")
        .build());
    assertThat(foreign.getRecordsList()).isEmpty();
    assertThat(foreign.getTotalsList()).isEmpty();

    HttpResponse<String> overHttp = get("/v1/usage?org=globex", acmeAdminKey);
    assertThat(overHttp.statusCode()).isEqualTo(200);
    assertThat(overHttp.body()).doesNotContain("globex\"").doesNotContain("chatcmpl-");
    HttpResponse<String> own = get("/v1/usage", acmeAdminKey);
    assertThat(JSON.readTree(own.body()).get("records")).hasSize(3);

    // the node admin narrows by org and model
    QueryUsageResponse globex = admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setOrg("globex")
        .setModel("tiny").build());
    assertThat(globex.getRecordsList()).hasSize(2);
    assertThat(admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setModel("other").build())
        .getRecordsList()).isEmpty();
  }

  @Test
  @Order(3)
  void pagesContinueWithTheTokenAndTotalsCoverTheWholeRange() throws Exception {
    QueryUsageResponse first = admin(acmeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setLimit(2).build());
    assertThat(first.getRecordsList()).hasSize(2);
    assertThat(first.getNextPageToken()).isNotEmpty();
    assertThat(total(first, "acme").getRequests()).isEqualTo(3);
    QueryUsageResponse second = admin(acmeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setLimit(2)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getRecordsList()).hasSize(1);
    assertThat(second.getNextPageToken()).isEmpty();
    List<String> ids = new ArrayList<>();
    first.getRecordsList().forEach(r -> ids.add(r.getRequestId()));
    second.getRecordsList().forEach(r -> ids.add(r.getRequestId()));
    assertThat(ids).doesNotHaveDuplicates().hasSize(3);

    // the same token with the node admin's wider scope resumes at the same place, within the caller's scope
    QueryUsageResponse replayed = admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setLimit(10)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(replayed.getRecordsCount()).isEqualTo(3);

    String since = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
    JsonNode page = JSON.readTree(get("/v1/usage?limit=1&since=" + since, nodeAdminKey).body());
    assertThat(page.get("records")).hasSize(1);
    assertThat(page.get("nextPageToken").asText()).isNotEmpty();
  }

  @Test
  @Order(4)
  void callersWithoutUsageReadAreDeniedAndBadQueriesExplained() throws Exception {
    assertThatThrownBy(() -> admin(viewerKey).queryUsage(QueryUsageRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("usage:read");
        });
    assertThat(get("/v1/usage", acmeKey).statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setPageToken("x")
        .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("page_token");
        });
    // the OpenAI-compatible routes refuse in OpenAI's error shape even before their handler runs
    HttpResponse<String> viewerChat = post("/v1/chat/completions", viewerKey,
        "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    assertThat(viewerChat.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(viewerChat.body()).path("error").path("type").asText()).isEqualTo("permission_error");
    assertThat(JSON.readTree(viewerChat.body()).path("error").path("message").asText())
        .contains("inference:execute");
    HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(uri("/v1/completions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(noKey.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(JSON.readTree(get("/v1/usage", viewerKey).body()).path("code").asText())
        .as("other routes keep the node's own error body").isEqualTo("PERMISSION_DENIED");

    HttpResponse<String> badTime = get("/v1/usage?since=yesterday", nodeAdminKey);
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(badTime.body()).contains("since").contains("RFC 3339");
    assertThat(get("/v1/usage?limit=5000", nodeAdminKey).statusCode()).isEqualTo(400);
    HttpResponse<String> badGranularity = get("/v1/usage?granularity=week", nodeAdminKey);
    assertThat(badGranularity.statusCode()).isEqualTo(400);
    assertThat(badGranularity.body()).contains("granularity").contains("hour, day, total");
    assertThatThrownBy(() -> admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder()
        .setDeploymentId("d".repeat(5000)).build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("deployment_id");
        });
    assertThatThrownBy(() -> admin(nodeAdminKey).queryUsage(QueryUsageRequest.newBuilder().setOrg("a".repeat(5000))
        .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("org");
        });
  }

  @Test
  @Order(5)
  void prometheusCountsRequestsAndTokensPerModel() throws Exception {
    HttpResponse<String> metrics = get("/metrics", nodeAdminKey);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("hanzo_inference_requests_total{model=\"tiny\",outcome=\"length\"} 5.0")
        .contains("hanzo_inference_completion_tokens_total{model=\"tiny\"} 13.0")
        .contains("hanzo_inference_prompt_tokens_total{model=\"tiny\"}")
        .doesNotContain("model=\"nope\"");
  }

  @Test
  @Order(6)
  void theCliPrintsRecordsAndTotals() {
    String endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
    CliHarness table = new CliHarness();
    assertThat(table.run(Map.of("HANZO_API_KEY", acmeAdminKey), "usage", "--endpoint", endpoint, "--since", "1h",
        "--model", "tiny")).as(table.err()).isZero();
    assertThat(table.out()).contains("PROMPT").contains("acme").contains("REQUESTS").doesNotContain("globex");

    CliHarness json = new CliHarness();
    assertThat(json.run(Map.of(), "usage", "--endpoint", endpoint, "--api-key", nodeAdminKey, "-o", "json",
        "--org", "globex", "--limit", "1")).as(json.err()).isZero();
    assertThat(json.out()).contains("\"records\"").contains("\"api\": \"chat\"").contains("\"totals\"")
        .contains("nextPageToken");

    CliHarness badLimit = new CliHarness();
    assertThat(badLimit.run(Map.of(), "usage", "--limit", "0")).isEqualTo(2);
    assertThat(badLimit.err()).contains("--limit").contains("1 to 1000");
    CliHarness badGranularity = new CliHarness();
    assertThat(badGranularity.run(Map.of(), "usage", "--granularity", "week")).isEqualTo(2);
    assertThat(badGranularity.err()).contains("--granularity").contains("hour, day, total");

    CliHarness denied = new CliHarness();
    assertThat(denied.run(Map.of(), "usage", "--endpoint", endpoint, "--api-key", viewerKey)).isEqualTo(1);
    assertThat(denied.err()).contains("hanzo-node usage:").contains("PERMISSION_DENIED");
  }

  @Test
  @Order(7)
  void recordsSurviveARestartOfTheNode() throws Exception {
    node.stop();
    node = null;
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(6000));

    QueryUsageResponse all = admin(nodeAdminKey).queryUsage(QueryUsageRequest.getDefaultInstance());
    assertThat(all.getRecordsList()).hasSize(5);
    assertThat(total(all, "acme").getCompletionTokens()).isEqualTo(9);
    assertThat(post("/v1/inference", globexKey, "{\"model\": \"tiny\", \"prompt\": \"again\", \"max_tokens\": 1}")
        .statusCode()).isEqualTo(200);
    assertThat(admin(nodeAdminKey).queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList()).hasSize(6);
  }

  private static UsageTotal total(QueryUsageResponse r, String org) {
    return r.getTotalsList().stream().filter(t -> t.getOrg().equals(org)).findFirst().orElseThrow();
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(String apiKey) {
    return GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc")).addHeader("x-api-key", apiKey)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static HttpResponse<String> post(String path, String apiKey, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).header("x-api-key", apiKey)
        .header("content-type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String apiKey) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).header("x-api-key", apiKey).timeout(Duration.ofSeconds(60))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.boundPorts().get("http") + path);
  }
}
