package ai.hanzo.node.client;

/** What a node answers a Scale. */
public record Scaled(boolean success, String message, int previousReplicas, int currentReplicas) {}
