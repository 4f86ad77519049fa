package ai.hanzo.node.client;

/**
 * A signed command published for another node.
 *
 * @param expiresAtMs Unix milliseconds
 * @param peers peers the gossip message went to directly
 */
public record CommandSent(String commandId, long expiresAtMs, int peers) {}
