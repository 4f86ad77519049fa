package ai.hanzo.node.client;

/**
 * One line of a deployment's logs.
 *
 * @param timestamp Unix seconds
 * @param stream {@code stdout} or {@code stderr}
 * @param message as the service wrote it, usually with its line end
 */
public record LogLine(long timestamp, String service, String containerId, String stream, String message) {}
