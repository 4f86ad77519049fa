package ai.hanzo.node.iam;

import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the audit trail: every refused authentication, every denied call and every mutating
 * call. Entries carry identities, never credentials: the recorder is only ever handed principals,
 * reason codes and permission names, not tokens or keys.
 */
public final class AuditRecorder {
  public static final String DENIED = "DENIED";
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

  private final AuditLog log;
  private final Clock clock;

  public AuditRecorder(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public void authenticationFailed(CallContext call, AuthFailure reason) {
    append("unauthenticated", null, call, UNAUTHENTICATED, Map.of("reason", reason.name()));
  }

  public void denied(Principal principal, CallContext call, Permission required, String why) {
    append(principal.subject(), principal.org(), call, DENIED,
        Map.of("required", required.toString(), "why", why));
  }

  /**
   * Records a finished call if it changed something.
   *
   * @param outcome e.g. {@code OK} or the error code the call ended with
   */
  public void completed(Principal principal, CallContext call, Permission required, String outcome) {
    if (required.isMutating()) {
      append(principal.subject(), principal.org(), call, outcome, Map.of("permission", required.toString()));
    }
  }

  private void append(String who, String org, CallContext call, String outcome, Map<String, String> extra) {
    Map<String, String> details = new HashMap<>(extra);
    if (org != null) {
      details.put("org", org);
    }
    if (call.resourceOrg() != null) {
      details.put("resource_org", call.resourceOrg());
    }
    log.append(new AuditEntry(clock.instant(), who, call.method(),
        call.resource() == null ? "" : call.resource(), outcome,
        call.remoteAddress().getHostAddress(), details));
  }
}
