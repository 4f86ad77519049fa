package ai.hanzo.node.app;

import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.p2p.gossip.CommandAuthority;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Commands from gossip under IAM: the signing peer is the principal {@code peer:<PeerId>} with the roles bound to
 * that subject in the role store, and each command kind needs the permission of the matching admin RPC. Without
 * IAM nothing is authorized: a gossip message proves only which key signed it, never that the key may steer us.
 */
final class IamCommandAuthority implements CommandAuthority {
  static final String ACTION = "p2p:command";
  private static final Permission ADMIN_MANAGE = Permission.of("admin", "manage");

  private final Iam iam;
  private final AuditLog audit;
  private final Clock clock;

  /** @param iam null when IAM is disabled */
  IamCommandAuthority(Iam iam, AuditLog audit, Clock clock) {
    this.iam = iam;
    this.audit = audit;
    this.clock = clock;
  }

  static Permission permissionFor(CommandKind kind) {
    return switch (kind) {
      case DRAIN, CORDON, UNCORDON -> ADMIN_MANAGE;
    };
  }

  static String subject(String peerId) {
    return "peer:" + peerId;
  }

  /** A peer as IAM sees it: {@code peer:<PeerId>} with the roles bound to that subject, and nothing else. */
  static Principal peerPrincipal(Iam iam, String peerId) {
    String subject = subject(peerId);
    return new Principal(Principal.Kind.CERTIFICATE, subject, null, iam.roles().rolesBoundTo(subject), Set.of(),
        null, null, null, null);
  }

  @Override
  public Decision authorize(String peerId, CommandKind kind) {
    if (iam == null) {
      return new Decision(false, "IAM is disabled on this node: commands from the network are never executed");
    }
    String subject = subject(peerId);
    Principal principal = peerPrincipal(iam, peerId);
    Permission needed = permissionFor(kind);
    return iam.authorizer().allows(principal, needed) ? new Decision(true, subject + " has " + needed)
        : new Decision(false, subject + " lacks " + needed + " (roles " + principal.roles() + ")");
  }

  @Override
  public void record(NetworkCommand command, String outcome, String detail) {
    audit.append(new AuditEntry(clock.instant(), subject(command.issuerPeerId()), ACTION,
        command.commandId(), outcome, null, Map.of("kind", command.kind().name(), "detail", detail)));
  }
}
