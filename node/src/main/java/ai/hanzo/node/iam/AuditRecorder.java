package ai.hanzo.node.iam;

import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the audit trail: every refused authentication, every denied call and every mutating
 * call. Entries carry identities, never credentials: the recorder is only ever handed principals,
 * reason codes and permission names, not tokens or keys. Refused authentications from one address past the
 * failed-authentication limit of a minute are counted and written as one summary record per address and minute
 * (reason {@code SUMMARY}, detail {@code refused}: how many), see {@link RefusalSummaries}.
 */
public final class AuditRecorder {
  public static final String DENIED = "DENIED";
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  /** The reason of a record that summarises refusals that were only counted. */
  public static final String SUMMARY = "SUMMARY";
  /** The detail naming the organisation of the recorded caller; absent for callers without one. */
  public static final String ORG = "org";
  /** Addresses whose refusals are tracked one by one at a time; beyond, they are counted together. */
  static final int MAX_TRACKED_ADDRESSES = 10_000;
  private static final String UNAUTHENTICATED_PRINCIPAL = "unauthenticated";

  private final AuditLog log;
  private final Clock clock;
  private final RefusalSummaries refusals;

  /**
   * @param failedAuthPerMinute the failed-authentication limit per address: that many refused authentications per
   *     address and minute, and the first one past it (when the address hit the limit), are written one by one
   */
  public AuditRecorder(AuditLog log, Clock clock, int failedAuthPerMinute) {
    this.log = log;
    this.clock = clock;
    this.refusals = new RefusalSummaries(failedAuthPerMinute + 1, MAX_TRACKED_ADDRESSES);
  }

  public void authenticationFailed(CallContext call, AuthFailure reason) {
    List<RefusalSummaries.Summary> due = new ArrayList<>();
    boolean individually = refusals.admit(call.remoteAddress().getHostAddress(), call.method(), clock.instant(),
        due);
    due.forEach(this::appendSummary);
    if (individually) {
      append(UNAUTHENTICATED_PRINCIPAL, null, call, UNAUTHENTICATED, Map.of("reason", reason.name()));
    }
  }

  /** Writes the counts of refusals not yet summarised, so that a reader of the audit sees them. */
  public void summariseRefusals() {
    refusals.drain(clock.instant()).forEach(this::appendSummary);
  }

  private void appendSummary(RefusalSummaries.Summary s) {
    log.append(new AuditEntry(clock.instant(), UNAUTHENTICATED_PRINCIPAL, s.lastMethod(), "", UNAUTHENTICATED,
        s.address(), Map.of("reason", SUMMARY, "refused", Long.toString(s.refused()),
            "first", s.from().toString(), "last", s.until().toString())));
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
      details.put(ORG, org);
    }
    if (call.resourceOrg() != null) {
      details.put("resource_org", call.resourceOrg());
    }
    log.append(new AuditEntry(clock.instant(), who, call.method(),
        call.resource() == null ? "" : call.resource(), outcome,
        call.remoteAddress().getHostAddress(), details));
  }
}
