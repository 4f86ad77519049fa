package ai.hanzo.node.app;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the services answering a placing node's streamed calls (logs, exec) share: whether the sending peer, as the
 * principal {@code peer:<PeerId>}, holds the permission a local caller would need, and the audit entry of each call
 * ({@code p2p:deploy} with the call's name, its original caller and org).
 */
final class PeerCallGuard {
  private final String nodeId;
  private final Iam iam;
  private final AuditLog audit;
  private final Clock clock;

  /** @param iam null when IAM is disabled (every peer may) */
  PeerCallGuard(String nodeId, Iam iam, AuditLog audit, Clock clock) {
    this.nodeId = nodeId;
    this.iam = iam;
    this.audit = audit;
    this.clock = clock;
  }

  /** Why {@code peerId} may not {@code doing} here, or null when it may. */
  String denial(String peerId, Permission needed, String doing) {
    if (iam == null) {
      return null;
    }
    Principal peer = IamCommandAuthority.peerPrincipal(iam, peerId);
    return iam.authorizer().allows(peer, needed) ? null : "peer " + peerId + " may not " + doing + " on node "
        + nodeId + ": " + peer.subject() + " lacks " + needed + " (roles " + peer.roles() + ")";
  }

  /** Audits one call; a refusal with {@code code} PERMISSION_DENIED is DENIED, any other FAILED. */
  void refused(String peerId, Caller caller, String call, String target, ErrorCode code, String why) {
    record(peerId, caller, call, target, code == ErrorCode.PERMISSION_DENIED ? "DENIED" : "FAILED",
        code + ": " + why);
  }

  void record(String peerId, Caller caller, String call, String target, String outcome, String detail) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller", caller.subject());
    details.put("caller_org", caller.org());
    details.put("call", call);
    details.put("detail", detail.length() > 512 ? detail.substring(0, 512) : detail);
    audit.append(new AuditEntry(clock.instant(), IamCommandAuthority.subject(peerId), NetworkDeployService.ACTION,
        target.length() > 256 ? target.substring(0, 256) : target, outcome, null, details));
  }

  /** The original caller on the placing node, as the call carried it. */
  record Caller(String subject, String org) {}
}
