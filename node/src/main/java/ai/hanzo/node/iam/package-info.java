/**
 * Identity and access: authentication of API keys ({@code hzk_}, stored as hashes), JWTs (JWKS with OIDC discovery,
 * or a shared secret; an algorithm allow-list) and client certificates; authorization through roles with
 * inheritance and bindings, against the one permission table {@link ai.hanzo.node.iam.RpcPermissions}; rate limits
 * per identity and per failing source address; and the audit trail. The transports call {@link
 * ai.hanzo.node.iam.Authenticator} and {@link ai.hanzo.node.iam.Authorizer} with what they extracted; nothing here
 * knows gRPC or HTTP. Uses only {@code storage} (and {@code config}).
 */
package ai.hanzo.node.iam;
