package ai.hanzo.node.api.access;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.OpenAiErrors;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.RpcPermissions;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;

/** HTTP/JSON and WebSocket routes: the route table of {@link RpcPermissions}, refusals as the JSON error body. */
public final class HttpAccessRules implements AccessRules {
  @Override
  public String method(ServiceRequestContext ctx) {
    return ctx.method() + " " + ctx.path();
  }

  @Override
  public Permission permission(ServiceRequestContext ctx) {
    return RpcPermissions.forRoute(ctx.method().name(), ctx.path()).orElse(null);
  }

  @Override
  public boolean isPublic(ServiceRequestContext ctx) {
    return RpcPermissions.isPublicAsset(ctx.method().name(), ctx.path());
  }

  @Override
  public HttpResponse refuse(ServiceRequestContext ctx, AccessDecision decision) {
    NodeException refusal = new NodeException(decision.refusal(), decision.message());
    // the OpenAI-compatible routes answer in OpenAI's shape even before their handler runs
    String body = OpenAiErrors.isOpenAiPath(ctx.path()) ? OpenAiErrors.body(refusal) : ErrorMapper.jsonBody(refusal);
    if (decision.refusal() == ErrorCode.RESOURCE_EXHAUSTED) {
      // 429 rather than the mapper's 507: this is the caller's rate, not the node's capacity.
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.JSON_UTF_8)
          .add(HttpHeaderNames.RETRY_AFTER, Long.toString(decision.retryAfter().toSeconds())).build(),
          com.linecorp.armeria.common.HttpData.ofUtf8(body));
    }
    return HttpResponse.of(ErrorMapper.httpStatus(decision.refusal()), MediaType.JSON_UTF_8, body);
  }

  @Override
  public String outcome(RequestLog log) {
    String stream = CallOutcome.recorded(log.context());
    if (stream != null) {
      return stream;
    }
    HttpStatus status = log.responseHeaders().status();
    // 101: a WebSocket that ended without an error.
    return status.isSuccess() || status.code() == 101 ? "OK" : "HTTP_" + status.code();
  }
}
