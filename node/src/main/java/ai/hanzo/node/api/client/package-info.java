/**
 * The CLI's side of the API: the gRPC client a subcommand talks to a running node through, its TLS and credentials,
 * the renderers that turn answers into tables, JSON or YAML, and the Compose file reader that checks a file before
 * any node is contacted. The CLI uses the API only through this facade, never through wire types.
 */
package ai.hanzo.node.api.client;
