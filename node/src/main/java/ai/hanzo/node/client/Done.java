package ai.hanzo.node.client;

/** What a node answers a Stop or a Remove: both say only whether and what. */
public record Done(boolean success, String message) {}
