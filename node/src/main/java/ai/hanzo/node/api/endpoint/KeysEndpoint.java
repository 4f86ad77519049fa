package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.v1.ApiKeyInfo;
import ai.hanzo.node.api.v1.CreateApiKeyRequest;
import ai.hanzo.node.api.v1.CreateApiKeyResponse;
import ai.hanzo.node.api.v1.ListApiKeysResponse;
import ai.hanzo.node.api.v1.ListBindingsResponse;
import ai.hanzo.node.api.v1.RemoveBindingRequest;
import ai.hanzo.node.api.v1.RevokeApiKeyRequest;
import ai.hanzo.node.api.v1.RoleBinding;
import ai.hanzo.node.api.v1.SetBindingRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.ApiKeySpec;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.IamAdmin;
import ai.hanzo.node.iam.NewApiKey;
import ai.hanzo.node.storage.ApiKeyRecord;
import java.time.Clock;
import java.time.Duration;

/**
 * API keys and role bindings of the running node (CreateApiKey, ListApiKeys, RevokeApiKey, SetBinding,
 * ListBindings, RemoveBinding), so an operator need not stop the node to issue a key; {@code KeysRoutes} is the
 * HTTP mirror. Admin only by the permission
 * table; the transports audit the mutating calls (method and caller, never the request body, so never a secret).
 * The changes need admin:manage, which acts in every organisation; the listings need only admin:read, so a caller
 * confined to one organisation (a custom role with admin:read) sees only its organisation's keys, and no bindings
 * (they are node-wide, they belong to no organisation).
 * Writes RocksDB: transports call it off the event loop.
 */
public final class KeysEndpoint {
  static final Duration MAX_EXPIRY = Duration.ofDays(36_500);

  private final Iam iam;
  private final Clock clock;

  /** @param iam {@code null} when IAM is disabled: no key is checked then, so none is managed here */
  public KeysEndpoint(Iam iam, Clock clock) {
    this.iam = iam;
    this.clock = clock;
  }

  public CreateApiKeyResponse create(CreateApiKeyRequest r) {
    if (r.getRole().isBlank()) {
      throw NodeException.invalidField("role", "is required (anonymous, viewer, operator, admin, node or a custom"
          + " role)");
    }
    if (r.getRequestsPerMinute() < 0) { // uint32 beyond Integer.MAX_VALUE
      throw NodeException.invalidField("requests_per_minute", "must be at most " + Integer.MAX_VALUE);
    }
    if (r.getExpiresInSeconds() < 0 || r.getExpiresInSeconds() > MAX_EXPIRY.toSeconds()) {
      throw NodeException.invalidField("expires_in_seconds", "must be at most " + MAX_EXPIRY.toSeconds()
          + " (100 years); 0 for a key that does not expire");
    }
    ApiKeySpec spec;
    try {
      spec = new ApiKeySpec(r.getName(), r.getRole(), r.getOrg().isEmpty() ? null : r.getOrg(),
          r.getExpiresInSeconds() == 0 ? null : clock.instant().plusSeconds(r.getExpiresInSeconds()),
          r.getAllowedCidrsList(), r.getRequestsPerMinute() == 0 ? null : r.getRequestsPerMinute());
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("allowed_cidrs", e.getMessage());
    }
    NewApiKey created;
    try {
      created = admin().createKey(spec);
    } catch (IamAdmin.UnknownRoleException e) {
      throw NodeException.invalidField("role", e.getMessage());
    }
    return CreateApiKeyResponse.newBuilder().setKey(info(created.record())).setSecret(created.secret()).build();
  }

  public ListApiKeysResponse list() {
    ai.hanzo.node.compute.Tenant caller = OrgScope.current();
    return ListApiKeysResponse.newBuilder().addAllKeys(admin().keys().stream().filter(k -> caller.sees(k.org()))
        .map(KeysEndpoint::info).toList()).build();
  }

  public ApiKeyInfo revoke(RevokeApiKeyRequest r) {
    return info(admin().revoke(r.getId()).orElseThrow(() -> NodeException.notFound("api key", r.getId())));
  }

  public RoleBinding bind(SetBindingRequest r) {
    if (r.getSubject().isBlank()) {
      throw NodeException.invalidField("subject", "is required: a token's sub, cert:<identity> or peer:<PeerId>");
    }
    try {
      admin().bind(r.getSubject(), r.getRolesList());
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("roles", e.getMessage());
    }
    return RoleBinding.newBuilder().setSubject(r.getSubject()).addAllRoles(r.getRolesList()).build();
  }

  public ListBindingsResponse bindings() {
    if (!OrgScope.current().seesAll()) {
      throw new NodeException(ErrorCode.PERMISSION_DENIED, "role bindings are node-wide: listing them needs a"
          + " caller of every organisation (admin:manage), not one confined to org "
          + OrgScope.current().org());
    }
    ListBindingsResponse.Builder response = ListBindingsResponse.newBuilder();
    admin().bindings().forEach((subject, roles) ->
        response.addBindings(RoleBinding.newBuilder().setSubject(subject).addAllRoles(roles)));
    return response.build();
  }

  public RoleBinding unbind(RemoveBindingRequest r) {
    return admin().unbind(r.getSubject())
        .map(b -> RoleBinding.newBuilder().setSubject(b.subject()).addAllRoles(b.roles()).build())
        .orElseThrow(() -> NodeException.notFound("binding", r.getSubject()));
  }

  private IamAdmin admin() {
    if (iam == null) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node runs without IAM and checks no keys; start"
          + " it with --iam-enabled, or manage keys on its stopped data directory (hanzo-node keys --data-dir DIR)");
    }
    return iam.admin();
  }

  static ApiKeyInfo info(ApiKeyRecord k) {
    ApiKeyInfo.Builder info = ApiKeyInfo.newBuilder().setId(k.id()).setName(k.name()).setRole(k.role())
        .setCreatedAtMillis(k.createdAt().toEpochMilli()).addAllAllowedCidrs(k.allowedCidrs())
        .setActive(k.active());
    if (k.org() != null) {
      info.setOrg(k.org());
    }
    if (k.expiresAt() != null) {
      info.setExpiresAtMillis(k.expiresAt().toEpochMilli());
    }
    if (k.requestsPerMinute() != null) {
      info.setRequestsPerMinute(k.requestsPerMinute());
    }
    return info.build();
  }
}
