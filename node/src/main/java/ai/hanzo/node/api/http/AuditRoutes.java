package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.AuditEndpoint;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;

/** The HTTP mirror of QueryAudit: {@code GET /v1/audit}, the request's fields as query parameters. */
public final class AuditRoutes {
  private final AuditEndpoint audit;

  public AuditRoutes(AuditEndpoint audit) {
    this.audit = audit;
  }

  public void addTo(ServerBuilder sb) {
    sb.route().get("/v1/audit").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> audit.query(request(ctx))));
  }

  static QueryAuditRequest request(ServiceRequestContext ctx) {
    return QueryAuditRequest.newBuilder()
        .setSinceMillis(HttpCalls.uint64Param(ctx, "since_millis"))
        .setUntilMillis(HttpCalls.uint64Param(ctx, "until_millis"))
        .setPrincipal(orEmpty(ctx.queryParam("principal")))
        .setAction(orEmpty(ctx.queryParam("action")))
        .setPermission(orEmpty(ctx.queryParam("permission")))
        .setOutcome(orEmpty(ctx.queryParam("outcome")))
        .setLimit(HttpCalls.uint32Param(ctx, "limit"))
        .setPageToken(orEmpty(ctx.queryParam("page_token")))
        .build();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
