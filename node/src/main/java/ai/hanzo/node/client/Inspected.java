package ai.hanzo.node.client;

/**
 * What {@code inspect} found for a name: a deployment if one has that id, else a container with that id or name;
 * exactly one of the two is set.
 */
public record Inspected(Deployment deployment, Container container) {}
