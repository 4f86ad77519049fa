package ai.hanzo.node.api.access;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages the operator happens to visit from driving the node through the browser. Applied to every route
 * of the HTTP server, with or without IAM (an API key or token kept in a browser is just as exposed):
 * <ul>
 *   <li>{@code Host} must be a loopback name or address, the listen address, the address the connection arrived
 *       on (an IP literal cannot be DNS-rebound), or one of {@code --http-allowed-hosts}: otherwise a page on a
 *       rebinding domain would be "same-origin" with the node. 403.</li>
 *   <li>An {@code Origin}, when sent, must be the node's own ({@code scheme://Host}): the rule the WebSocket
 *       upgrade applies too. Browsers send it on every cross-origin request and every same-origin POST, so a page
 *       of another site is refused before anything runs, and the node's own dashboard (/ui/) passes. 403.</li>
 *   <li>A body must be {@code application/json}: {@code text/plain} and form bodies are what a page may send
 *       cross-origin without a preflight. 415. The one exception is a model upload ({@code PUT /v1/models/{model}},
 *       {@link #takesRawBody}), whose body is the file as {@code application/octet-stream}: a page cannot send a
 *       PUT, nor that type, cross-origin without a preflight, and the Origin rule above still refuses it.</li>
 * </ul>
 * The probes ({@code /health}, {@code /liveness}, {@code /readiness}) accept any Host and Origin: Kubernetes sends
 * the pod IP, a load balancer its own name, and they reveal nothing worth a rebinding attack.
 *
 * <p>On the gRPC server ({@link #forGrpc}) only requests that carry an {@code Origin} are checked, and only Host and
 * Origin: those are gRPC-Web calls of a browser (always POST, so always with Origin), which a rebound name would
 * otherwise make same-origin. Native gRPC clients send no Origin and may dial the node by any name.
 */
public final class BrowserRequestGuard implements DecoratingHttpServiceFunction {
  static final String FLAG = "--http-allowed-hosts";
  private static final String MODELS = "/v1/models/";
  private static final Set<String> PROBES = Set.of("/health", "/liveness", "/readiness");

  private final Set<String> allowedHosts;
  private final boolean browsersOnly;

  /**
   * @param listenHost the host the server is bound to (allowed when it is a specific address)
   * @param configured the names of {@code --http-allowed-hosts}, already normalized
   */
  public static BrowserRequestGuard forHttp(String listenHost, Collection<String> configured) {
    return new BrowserRequestGuard(listenHost, configured, false);
  }

  /** The same rules for gRPC-Web calls of browsers; calls without Origin pass untouched. */
  public static BrowserRequestGuard forGrpc(String listenHost, Collection<String> configured) {
    return new BrowserRequestGuard(listenHost, configured, true);
  }

  private BrowserRequestGuard(String listenHost, Collection<String> configured, boolean browsersOnly) {
    this.browsersOnly = browsersOnly;
    java.util.HashSet<String> hosts = new java.util.HashSet<>(configured);
    InetAddress literal = NetUtil.createInetAddressFromIpAddressString(normalize(listenHost));
    if (literal == null || !literal.isAnyLocalAddress()) {
      hosts.add(normalize(listenHost)); // 0.0.0.0 / :: name no host; the connection's own address is allowed below
    }
    this.allowedHosts = Set.copyOf(hosts);
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    RequestHeaders headers = req.headers();
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    if (PROBES.contains(ctx.path()) || browsersOnly && origin == null) {
      return delegate.serve(ctx, req);
    }
    String authority = headers.authority();
    String host = authority == null ? null : hostOf(authority);
    if (host == null || !hostAllowed(host, ctx.localAddress())) {
      return refuse(req, HttpStatus.FORBIDDEN, new NodeException(ErrorCode.PERMISSION_DENIED, "Host '"
          + (authority == null ? "" : authority) + "' is not a name of this node; if it is, add it with "
          + FLAG + " (HANZO_HTTP_ALLOWED_HOSTS)"));
    }
    if (origin != null && !isSameOrigin(origin, ctx.sessionProtocol().isTls() ? "https" : "http", authority)) {
      return refuse(req, HttpStatus.FORBIDDEN, new NodeException(ErrorCode.PERMISSION_DENIED,
          "cross-origin request from '" + origin + "' refused; only pages of this node's own origin may call it"));
    }
    MediaType type = headers.contentType();
    if (!browsersOnly && type != null && !isJson(type)
        && !(type.is(MediaType.OCTET_STREAM) && takesRawBody(ctx.method().name(), ctx.path()))) {
      return refuse(req, HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported(type.toString()));
    }
    return delegate.serve(ctx, req);
  }

  /** Whether the route takes a raw file as its body: {@code PUT /v1/models/{model}} (a model upload). */
  public static boolean takesRawBody(String method, String path) {
    return "PUT".equals(method) && path.startsWith(MODELS) && path.length() > MODELS.length()
        && path.indexOf('/', MODELS.length()) < 0;
  }

  /**
   * The half of the body rule a decorator cannot see: a non-empty body that came without any Content-Type.
   * Returns the refusal, or {@code null} when the body may be parsed.
   */
  public static HttpResponse refuseUntypedBody(AggregatedHttpRequest request) {
    if (request.content().isEmpty() || request.contentType() != null) {
      return null;
    }
    return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.JSON_UTF_8,
        ErrorMapper.jsonBody(unsupported("none")));
  }

  private static NodeException unsupported(String type) {
    return new NodeException(ErrorCode.INVALID_ARGUMENT, "request bodies must be Content-Type: application/json,"
        + " was " + type);
  }

  private static boolean isJson(MediaType type) {
    return type.is(MediaType.JSON);
  }

  private static HttpResponse refuse(HttpRequest req, HttpStatus status, NodeException error) {
    req.abort();
    return HttpResponse.of(status, MediaType.JSON_UTF_8, ErrorMapper.jsonBody(error));
  }

  boolean hostAllowed(String host, InetSocketAddress local) {
    if (host.equals("localhost") || allowedHosts.contains(host)) {
      return true;
    }
    InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
    if (literal == null) {
      return false;
    }
    return literal.isLoopbackAddress() || local != null && literal.equals(local.getAddress());
  }

  /** Same scheme, host and port as the request's own (already allowed) Host. */
  static boolean isSameOrigin(String origin, String scheme, String authority) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return false; // "null" (sandboxed pages, file:) and anything unparsable
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    URI own;
    try {
      own = new URI(scheme + "://" + authority);
    } catch (URISyntaxException e) {
      return false;
    }
    return uri.getScheme().equalsIgnoreCase(scheme)
        && normalize(uri.getHost()).equals(normalize(own.getHost()))
        && port(uri) == port(own);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** The host part of a {@code Host} value, normalized; {@code null} when it is not well formed. */
  static String hostOf(String authority) {
    String a = authority.trim();
    if (a.startsWith("[")) {
      int end = a.indexOf(']');
      return end < 0 ? null : normalize(a.substring(0, end + 1));
    }
    int colon = a.lastIndexOf(':');
    return normalize(colon < 0 ? a : a.substring(0, colon));
  }

  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
