/**
 * Container logs on disk: the pumps that copy a container's stdout and stderr from its named pipes, one timestamped
 * entry per line, the size-rotated log files, and the subscriptions that replay the history and then follow.
 */
package ai.hanzo.node.runtime.logs;
