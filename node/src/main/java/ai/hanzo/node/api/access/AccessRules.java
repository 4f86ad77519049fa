package ai.hanzo.node.api.access;

import ai.hanzo.node.iam.Permission;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;

/** What differs between the transports at the access layer: naming the call, its permission, and the refusal. */
interface AccessRules {
  /** The call as the audit trail names it, e.g. {@code hanzo.node.v1.NodeService/Deploy} or {@code GET /v1/status}. */
  String method(ServiceRequestContext ctx);

  /** The table's permission for the call, or {@code null} when it has none. */
  Permission permission(ServiceRequestContext ctx);

  /** Whether the call is served without credentials at all (the dashboard's static files); false by default. */
  default boolean isPublic(ServiceRequestContext ctx) {
    return false;
  }

  HttpResponse refuse(ServiceRequestContext ctx, AccessDecision decision);

  /** {@code OK} or the error the finished call ended with, for the audit trail. */
  String outcome(RequestLog log);
}
