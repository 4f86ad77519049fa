/**
 * The {@code hanzo-node} command line (picocli): {@code run} with its settings table, and the client subcommands
 * that talk to a running node through {@code client}, or to a stopped node's data directory through {@code
 * app}. It owns what the user sees and writes: the renderers that print the client's answer records as tables, JSON
 * or YAML ({@code Renderer}; {@code AnswerJson} keeps the JSON the node's protobuf JSON always was), and the Compose
 * file reader that checks a file into a {@code client.ComposeProject} before any node is contacted. The only package
 * that reads environment variables; a bad value ends in exit code 2 and one line naming it.
 */
package ai.hanzo.node.cli;
