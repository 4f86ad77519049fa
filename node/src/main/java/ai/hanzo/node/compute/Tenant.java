package ai.hanzo.node.compute;

import java.util.Objects;

/**
 * On whose behalf the compute layer is asked to act, as far as ownership goes: a caller who sees every organisation
 * (an admin, or any caller of a node without IAM) or one who acts for one organisation. {@link Ownership} decides
 * with it what that caller may see and change.
 *
 * @param seesAll whether the caller sees and acts on every organisation's deployments
 * @param org the caller's organisation, which owns what it deploys; {@code null} for none (such a caller, unless it
 *     sees all, sees only deployments without an organisation)
 */
public record Tenant(boolean seesAll, String org) {
  /** The node itself, and every caller of a node without IAM. */
  public static final Tenant ALL = new Tenant(true, null);

  /** A caller confined to {@code org} ({@code null}: to deployments without an organisation). */
  public static Tenant of(String org) {
    return new Tenant(false, org);
  }

  /** Whether something owned by {@code ownerOrg} ({@code null}: by no organisation) is this caller's to see. */
  public boolean sees(String ownerOrg) {
    return seesAll || Objects.equals(org, ownerOrg);
  }
}
