package ai.hanzo.node.client;

import java.util.Map;

/**
 * One event of the GetEvents stream.
 *
 * @param timestamp Unix seconds
 * @param attributes in the order the node sent them
 */
public record Event(long timestamp, String eventType, String resourceType, String resourceId, String message,
    Map<String, String> attributes) {}
