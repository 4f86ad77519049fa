package ai.hanzo.node.api.access;

import ai.hanzo.node.iam.Principal;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * Where the access layer leaves the authenticated caller for the endpoints (gRPC and HTTP alike run inside an
 * Armeria request context), so org scoping can read it without another look at the credentials.
 */
public final class CallerPrincipal {
  static final AttributeKey<Principal> KEY = AttributeKey.valueOf(CallerPrincipal.class, "principal");

  private CallerPrincipal() {}

  /** The caller of the current request; empty when IAM is disabled or outside a request. */
  public static Optional<Principal> current() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    return ctx == null ? Optional.empty() : Optional.ofNullable(ctx.attr(KEY));
  }
}
