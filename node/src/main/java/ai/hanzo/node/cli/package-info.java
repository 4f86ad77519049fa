/**
 * The {@code hanzo-node} command line (picocli): {@code run} with its settings table, and the client subcommands
 * that talk to a running node through {@code client}, or to a stopped node's data directory through {@code
 * app}. The only package that reads environment variables; a bad value ends in exit code 2 and one line naming it.
 */
package ai.hanzo.node.cli;
