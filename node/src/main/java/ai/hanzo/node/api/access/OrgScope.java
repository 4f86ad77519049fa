package ai.hanzo.node.api.access;

import ai.hanzo.node.compute.Tenant;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

/**
 * The {@link Tenant} the access layer granted the current request: which organisations' deployments (and their
 * containers, logs and events) the caller sees. Admins and nodes without IAM see all; everyone else only their own
 * org's. The compute layer applies it ({@link ai.hanzo.node.compute.Ownership}); the API only hands it on.
 */
public final class OrgScope {
  static final AttributeKey<Tenant> KEY = AttributeKey.valueOf(OrgScope.class, "scope");

  private OrgScope() {}

  /** The current request's tenant; everything when IAM is off or outside a request. */
  public static Tenant current() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    Tenant tenant = ctx == null ? null : ctx.attr(KEY);
    return tenant == null ? Tenant.ALL : tenant;
  }
}
