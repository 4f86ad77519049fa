package ai.hanzo.node.api.http;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpRequest;
import ai.hanzo.node.api.v1.RespondChallengeRequest;
import ai.hanzo.node.api.endpoint.QosEndpoint;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.GetChallengeRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.ListProviderSlashesRequest;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListChallengesRequest;
import ai.hanzo.node.api.v1.ListProviderScoresRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ai.hanzo.node.api.v1.VerifyProofRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * The HTTP mirror of QosService: {@code POST /v1/qos/challenges} (body: IssueChallengeRequest as JSON),
 * {@code GET /v1/qos/challenges?limit=&page_token=}, {@code GET /v1/qos/challenges/{id}},
 * {@code POST /v1/qos/challenges/{id}/verify} (body: optional {@code proof}, base64),
 * {@code POST /v1/qos/challenges/{id}/respond} (body: {@code challenge}, base64; this node answers as the
 * provider), {@code GET /v1/qos/providers/{id}/score|state|history}, {@code GET
 * /v1/qos/providers/{id}/slashes?limit=&page_token=}, {@code GET /v1/qos/scores?providers=a,b} (several providers'
 * scores in one call). A proof or challenge past its deadline is
 * answered 408, as the issue's upstream API does, instead of the 504 DEADLINE_EXCEEDED maps to elsewhere.
 */
public final class QosRoutes {
  private final QosEndpoint qos;

  public QosRoutes(QosEndpoint qos) {
    this.qos = qos;
  }

  public void addTo(ServerBuilder sb) {
    sb.route().post("/v1/qos/challenges").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.issue(
        Json.parseRequest(req.contentUtf8(), IssueChallengeRequest.newBuilder()).build())));
    sb.route().get("/v1/qos/challenges").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.list(
        ListChallengesRequest.newBuilder().setLimit(HttpCalls.uint32Param(ctx, "limit"))
            .setPageToken(param(ctx, "page_token")).build())));
    sb.route().get("/v1/qos/challenges/{id}").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.get(
        GetChallengeRequest.newBuilder().setId(ctx.pathParam("id")).build())));
    sb.route().post("/v1/qos/challenges/{id}/verify").decorator(QosRoutes::lateIs408)
        .build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
          VerifyProofRequest.Builder b = req.contentUtf8().isBlank() ? VerifyProofRequest.newBuilder()
              : Json.parseRequest(req.contentUtf8(), VerifyProofRequest.newBuilder());
          return qos.verify(b.setId(HttpCalls.pathMatches(ctx.pathParam("id"), b.getId(), "id")).build());
        }));
    sb.route().post("/v1/qos/challenges/{id}/respond").decorator(QosRoutes::lateIs408)
        .build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
          RespondChallengeRequest.Builder b =
              Json.parseRequest(req.contentUtf8(), RespondChallengeRequest.newBuilder());
          return qos.respond(b.setId(HttpCalls.pathMatches(ctx.pathParam("id"), b.getId(), "id")).build());
        }));
    sb.route().get("/v1/qos/providers/{id}/score").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.score(
        GetProviderRequest.newBuilder().setProvider(ctx.pathParam("id")).build())));
    sb.route().get("/v1/qos/scores").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.scores(
        ListProviderScoresRequest.newBuilder().addAllProviders(providers(ctx)).build())));
    sb.route().get("/v1/qos/providers/{id}/state").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.state(
        GetProviderRequest.newBuilder().setProvider(ctx.pathParam("id")).build())));
    sb.route().get("/v1/qos/providers/{id}/history").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.history(
        GetProviderHistoryRequest.newBuilder().setProvider(ctx.pathParam("id"))
            .setLimit(HttpCalls.uint32Param(ctx, "limit")).setPageToken(param(ctx, "page_token")).build())));
    sb.route().get("/v1/qos/providers/{id}/slashes").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> qos.slashes(
        ListProviderSlashesRequest.newBuilder().setProvider(ctx.pathParam("id"))
            .setLimit(HttpCalls.uint32Param(ctx, "limit")).setPageToken(param(ctx, "page_token")).build())));
  }

  /** A challenge or proof past its deadline is 408, as upstream answers it. */
  private static HttpResponse lateIs408(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
      throws Exception {
    return delegate.serve(ctx, req).mapHeaders(h -> h.status().equals(HttpStatus.GATEWAY_TIMEOUT)
        ? h.toBuilder().status(HttpStatus.REQUEST_TIMEOUT).build() : h);
  }

  /** {@code ?providers=a,b} or {@code ?providers=a&providers=b}, or both; empty names are the endpoint's to refuse. */
  private static List<String> providers(ServiceRequestContext ctx) {
    List<String> names = new ArrayList<>();
    for (String value : ctx.queryParams().getAll("providers")) {
      names.addAll(Arrays.asList(value.split(",", -1)));
    }
    return names;
  }

  private static String param(ServiceRequestContext ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null ? "" : value;
  }
}
