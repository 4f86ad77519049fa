/**
 * The CLI's side of the API: the gRPC client a subcommand talks to a running node through ({@code NodeClient}), its
 * TLS and credentials, and the records it answers in ({@code Health}, {@code Deployment}, {@code Peer}, ...) and
 * takes ({@code ComposeProject}, {@code AuditFilter}). The wire mapping stays here, in package-private classes
 * ({@code NodeAnswers}, {@code WorkloadAnswers}, {@code NetworkAnswers}, {@code AdminAnswers}, {@code ComposeWire}):
 * nothing public in this package mentions a protobuf or {@code hanzo.node.v1} type, so {@code cli} never sees one
 * (ApiArchitectureTest enforces both). The answer records' components carry the API's JSON names in its order, so
 * the CLI can print them as the node's JSON. Of the server it uses only the error mapping (to read the node's error
 * code back) and the deployment-id rule.
 */
package ai.hanzo.node.client;
