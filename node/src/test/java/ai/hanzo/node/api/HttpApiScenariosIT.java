package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.registry.TestKeys;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The shared scenarios over HTTP/JSON, plus what only HTTP has: snake_case input, status codes, Prometheus. */
class HttpApiScenariosIT extends ApiScenarios {
  HttpTransport http;

  @Override
  Transport transport(ApiFixture fixture) {
    http = new HttpTransport(fixture.httpUri());
    return http;
  }

  @Test
  void snakeCaseFieldNamesAreAcceptedOnInput() {
    String key = Base64.getEncoder().encodeToString(TestKeys.generate().raw());
    RegisterNodeResponse r = http.send(HttpMethod.POST, "/v1/nodes/register",
        "{\"node_id\": \"snake-1\", \"operator_address\": \"0xabc\", \"public_key\": \"" + key + "\"}",
        RegisterNodeResponse.newBuilder()).build();
    assertThat(r.getAssignedNodeId()).isEqualTo("snake-1");
  }

  @Test
  void malformedOrUnknownJsonIsABadRequestWithTheErrorBody() {
    assertThat(http.statusOf(HttpMethod.POST, "/v1/nodes/register", "{not json")).isEqualTo(400);
    assertError(() -> http.send(HttpMethod.POST, "/v1/nodes/register", "{\"no_such_field\": 1}",
        RegisterNodeResponse.newBuilder()), "INVALID_ARGUMENT", null);
  }

  @Test
  void aPathIdThatContradictsTheBodyIsRejected() {
    assertError(() -> http.send(HttpMethod.POST, "/v1/nodes/a/heartbeat", "{\"node_id\": \"b\"}",
        RegisterNodeResponse.newBuilder()), "INVALID_ARGUMENT", "node_id");
  }

  @Test
  void statusCodesFollowTheErrorCodes() {
    assertThat(http.statusOf(HttpMethod.GET, "/v1/status?node_id=nobody", null)).isEqualTo(404);
    assertThat(http.statusOf(HttpMethod.POST, "/v1/deployments", "{}")).isEqualTo(400);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/deployments/d1/logs", null)).isEqualTo(501);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/deployments/d1/logs?tail=-1", null)).isEqualTo(400);
    assertThat(http.statusOf(HttpMethod.POST, "/v1/containers/c1/exec", "{}")).isEqualTo(400);
    assertThat(http.statusOf(HttpMethod.POST, "/v1/containers/c1/exec", "{\"command\": [\"ls\"]}")).isEqualTo(501);
    assertThat(http.statusOf(HttpMethod.POST, "/v1/node/cordon", "{}")).isEqualTo(501);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/audit", null)).as("FAILED_PRECONDITION").isEqualTo(412);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/providers?capability=runtime/process", null)).isEqualTo(501);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/providers?capability=runtime/process&limit=-1", null))
        .isEqualTo(400);
    assertThat(http.statusOf(HttpMethod.POST, "/v1/network/commands", "{\"ttl_seconds\": \"soon\"}")).isEqualTo(400);
    assertThat(http.statusOf(HttpMethod.GET, "/readiness", null)).isEqualTo(200);
    assertThat(http.statusOf(HttpMethod.GET, "/liveness", null)).isEqualTo(200);
  }

  @Test
  void prometheusTextHasHostGaugesAndRequestMeters() {
    api.health();
    for (String path : new String[] {"/metrics", "/v1/metrics"}) {
      AggregatedHttpResponse res = http.get(path);
      assertThat(res.status().code()).isEqualTo(200);
      assertThat(res.contentType().toString()).startsWith("text/plain");
      assertThat(res.contentUtf8()).contains("hanzo_node_memory_usage_ratio ", "hanzo_node_cpu_usage_ratio ",
          "hanzo_api_requests_total", "/health");
    }
  }

  @Test
  void unknownApiPathsAndWrongMethodsAnswerTheJsonErrorBody() {
    assertError(() -> http.send(HttpMethod.GET, "/v1/no-such-thing?x=1", null, RegisterNodeResponse.newBuilder()),
        "NOT_FOUND", null);
    assertThat(http.statusOf(HttpMethod.GET, "/v1/no-such-thing", null)).isEqualTo(404);
    assertError(() -> http.send(HttpMethod.DELETE, "/v1/nodes/register", null, RegisterNodeResponse.newBuilder()),
        "UNIMPLEMENTED", null);
    assertThat(http.statusOf(HttpMethod.PUT, "/v1/status", "{}")).isEqualTo(405);
    AggregatedHttpResponse res = http.get("/v1/deployments/d1/stop");
    assertThat(res.status().code()).isEqualTo(405);
    assertThat(res.contentUtf8()).contains("\"code\":").contains("method GET is not allowed on /v1/deployments/d1/stop");
    assertThat(http.statusOf(HttpMethod.GET, "/not-api", null)).as("outside /v1 Armeria's default").isEqualTo(404);
  }
}
