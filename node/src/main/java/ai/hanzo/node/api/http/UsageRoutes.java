package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.UsageEndpoint;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * The HTTP mirror of QueryUsage: {@code
 * GET /v1/usage?since=&until=&org=&model=&deployment=&granularity=&limit=&page_token=}, the request's fields as query
 * parameters (times in RFC 3339; {@code deployment} is {@code deployment_id}).
 */
public final class UsageRoutes {
  private final UsageEndpoint usage;

  public UsageRoutes(UsageEndpoint usage) {
    this.usage = usage;
  }

  public void addTo(ServerBuilder sb) {
    sb.route().get("/v1/usage").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> usage.query(request(ctx))));
    // the statement itself, so that `curl ... > usage.json` gives a file `hanzo-node usage verify` checks
    sb.route().get("/v1/usage/export").build(HttpCalls.jsonDocument(ctx -> usage.export(request(ctx)).getJson()));
  }

  static QueryUsageRequest request(ServiceRequestContext ctx) {
    return QueryUsageRequest.newBuilder()
        .setSince(orEmpty(ctx.queryParam("since")))
        .setUntil(orEmpty(ctx.queryParam("until")))
        .setOrg(orEmpty(ctx.queryParam("org")))
        .setModel(orEmpty(ctx.queryParam("model")))
        .setLimit(HttpCalls.uint32Param(ctx, "limit"))
        .setPageToken(orEmpty(ctx.queryParam("page_token")))
        .setDeploymentId(orEmpty(ctx.queryParam("deployment")))
        .setGranularity(orEmpty(ctx.queryParam("granularity")))
        .build();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
