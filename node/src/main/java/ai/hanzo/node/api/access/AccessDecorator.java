package ai.hanzo.node.api.access;

import ai.hanzo.node.iam.CertificateIdentity;
import ai.hanzo.node.iam.Credentials;
import ai.hanzo.node.iam.Permission;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates and authorizes every request of a server before its service sees it. A caller whose token was
 * verified before is granted on the event loop; any other decision runs on the blocking executor (it may touch
 * RocksDB or fetch a JWKS) and the service then on the event loop as before. A granted
 * caller's {@link ai.hanzo.node.iam.Principal} is left in the request context ({@link CallerPrincipal}).
 */
public final class AccessDecorator implements DecoratingHttpServiceFunction {
  private static final String BEARER = "bearer ";

  private final AccessGate gate;
  private final AccessRules rules;

  public AccessDecorator(AccessGate gate, AccessRules rules) {
    this.gate = gate;
    this.rules = rules;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (rules.isPublic(ctx)) {
      return delegate.serve(ctx, req); // the dashboard's files: no credentials to read, nothing to audit
    }
    String method = rules.method(ctx);
    Permission required = rules.permission(ctx);
    Credentials credentials = credentials(req.headers(), ctx.remoteAddress(), clientCertificateIdentity(ctx));
    AccessDecision quick = gate.grantWithoutBlocking(required, credentials);
    if (quick != null) {
      return proceed(delegate, ctx, req, quick, method, required, credentials);
    }
    CompletableFuture<HttpResponse> response = CompletableFuture
        .supplyAsync(() -> gate.decide(method, required, credentials), ctx.blockingTaskExecutor())
        .thenApplyAsync(decision -> proceed(delegate, ctx, req, decision, method, required, credentials),
            ctx.eventLoop());
    return HttpResponse.of(response);
  }

  private HttpResponse proceed(HttpService delegate, ServiceRequestContext ctx, HttpRequest req,
      AccessDecision decision, String method, Permission required, Credentials credentials) {
    if (!decision.isGranted()) {
      req.abort();
      return rules.refuse(ctx, decision);
    }
    ctx.setAttr(CallerPrincipal.KEY, decision.principal());
    ctx.setAttr(OrgScope.KEY, decision.scope());
    if (required.isMutating()) {
      ctx.log().whenComplete().thenAcceptAsync(log -> gate.completed(decision.principal(), method, required,
          credentials, rules.outcome(log)), ctx.blockingTaskExecutor());
    }
    try {
      return delegate.serve(ctx, req);
    } catch (Exception e) {
      return HttpResponse.ofFailure(e);
    }
  }

  /** Secrets stay inside {@link Credentials}, whose toString never prints them. */
  static Credentials credentials(RequestHeaders headers, InetSocketAddress remote, String certificateIdentity) {
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    String token = null;
    String foreignScheme = null;
    if (authorization != null) {
      // The scheme name is case-insensitive (RFC 7235). Another scheme, or a bare token, is refused (audited):
      // only its scheme name is kept, never what follows it.
      if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        token = authorization.substring(BEARER.length()).trim();
      } else {
        int space = authorization.indexOf(' ');
        foreignScheme = space > 0 && space <= 20 && authorization.substring(0, space).matches("[A-Za-z0-9_-]+")
            ? "the scheme '" + authorization.substring(0, space) + "'" : "not of the form '<scheme> <credentials>'";
      }
    }
    String apiKey = headers.get("x-api-key");
    if (authorization == null && apiKey == null) {
      WebSocketCredentials.Offered offered = WebSocketCredentials.parse(headers.get(WebSocketCredentials.HEADER));
      token = offered.bearerToken();
      apiKey = offered.apiKey();
    }
    return new Credentials(token, apiKey, certificateIdentity, remote.getAddress(), foreignScheme);
  }

  /**
   * The identity of the client certificate the handshake verified against the client CAs, or {@code null}: the
   * server only accepts certificates that verified, so whatever the session holds has been checked.
   */
  static String clientCertificateIdentity(ServiceRequestContext ctx) {
    SSLSession session = ctx.sslSession();
    if (session == null) {
      return null;
    }
    try {
      Certificate[] peer = session.getPeerCertificates();
      return peer.length > 0 && peer[0] instanceof X509Certificate x509 ? CertificateIdentity.of(x509) : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
