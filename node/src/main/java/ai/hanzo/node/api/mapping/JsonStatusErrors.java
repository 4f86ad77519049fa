package ai.hanzo.node.api.mapping;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Unknown {@code /v1/...} paths (404) and wrong methods (405) answer the API's JSON error body, like every other
 * API error, instead of Armeria's plain-text page. Everything else keeps Armeria's default handling.
 */
public final class JsonStatusErrors implements ServerErrorHandler {
  private static final String API_PREFIX = "/v1/";

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (cause instanceof HttpStatusException e) {
      AggregatedHttpResponse body = render(ctx.request().headers(), e.httpStatus());
      return body == null ? null : body.toHttpResponse();
    }
    return null;
  }

  @Override
  public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config,
      RequestHeaders headers, HttpStatus status, String description, Throwable cause) {
    return render(headers, status);
  }

  private static AggregatedHttpResponse render(RequestHeaders headers, HttpStatus status) {
    if (headers == null || !headers.path().startsWith(API_PREFIX)) {
      return null;
    }
    String path = headers.path().split("\\?", 2)[0];
    NodeException error;
    if (status == HttpStatus.NOT_FOUND) {
      error = new NodeException(ErrorCode.NOT_FOUND, "no API route " + headers.method() + " " + path
          + "; see NODE_API.md for the paths");
    } else if (status == HttpStatus.METHOD_NOT_ALLOWED) {
      error = new NodeException(ErrorCode.UNIMPLEMENTED, "method " + headers.method() + " is not allowed on "
          + path);
    } else {
      return null;
    }
    return AggregatedHttpResponse.of(status, MediaType.JSON_UTF_8, ErrorMapper.jsonBody(error));
  }
}
