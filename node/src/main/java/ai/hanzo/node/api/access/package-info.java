/**
 * The access layer, one for both transports: the decorator that extracts credentials and asks {@code iam} to
 * authenticate and authorize each call against the permission its RPC or route names
 * ({@link ai.hanzo.node.api.access.GrpcAccessRules}, {@link ai.hanzo.node.api.access.HttpAccessRules}), rate limits,
 * the limit on open streams, the browser-request guard, the caller and organization a call runs as, and the audit
 * record of every call. Uses {@code api.mapping} for its error answers; knows neither transport package nor the
 * endpoints.
 */
package ai.hanzo.node.api.access;
