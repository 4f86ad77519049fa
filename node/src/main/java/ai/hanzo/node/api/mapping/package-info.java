/**
 * The conversions every other part of the API shares: the size and shape rules of requests
 * ({@link ai.hanzo.node.api.mapping.FieldRules}), proto to domain records and back
 * ({@link ai.hanzo.node.api.mapping.ProtoMapping}, {@link ai.hanzo.node.api.mapping.DeployRequestMapper}), the
 * strict JSON codec of the HTTP mirror, the generation request bodies ({@link
 * ai.hanzo.node.api.mapping.InferenceRequests}: the upstream and OpenAI shapes, read leniently but checked), and the one mapping from {@link ai.hanzo.node.error.NodeException} codes to
 * gRPC statuses (with the {@code hanzo-error-code} trailer) and HTTP errors with the JSON body, which the CLI's
 * client reads back. The bottom of the API: it uses no other API package.
 */
package ai.hanzo.node.api.mapping;
