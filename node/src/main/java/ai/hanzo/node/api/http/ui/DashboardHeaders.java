package ai.hanzo.node.api.http.ui;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * The browser-side defences of the dashboard's responses. The policy allows scripts, styles and connections
 * (fetch and WebSocket) of the node's own origin only: no inline script or style attribute, no eval, no other
 * host, and no framing (clickjacking of the deploy and remove buttons).
 */
final class DashboardHeaders implements DecoratingHttpServiceFunction {
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    ctx.mutateAdditionalResponseHeaders(h -> h
        .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
        .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
        .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
        .set(HttpHeaderNames.REFERRER_POLICY, "no-referrer")
        .set("cross-origin-opener-policy", "same-origin"));
    return delegate.serve(ctx, req);
  }
}
