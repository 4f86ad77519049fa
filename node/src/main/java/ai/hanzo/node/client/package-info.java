/**
 * The CLI's side of the API: the gRPC client a subcommand talks to a running node through, its TLS and credentials,
 * the renderers that turn answers into tables, JSON or YAML, and the Compose file reader that checks a file before
 * any node is contacted. The CLI uses the node only through this facade, never through wire types. Of the server it
 * uses only the error mapping (to read the node's error code back) and the deployment-id rule.
 *
 * <p>TODO(issue 13): rendering, output formats and Compose parsing belong to {@code cli}; they stay here until the
 * client returns domain records instead of {@code hanzo.node.v1} messages, since {@code cli} must not see protobuf.
 */
package ai.hanzo.node.client;
