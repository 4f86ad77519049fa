package ai.hanzo.node.client;

import java.util.List;
import java.util.Map;

/**
 * A container of a node, with why it does not run.
 *
 * @param created Unix seconds
 * @param reason a CamelCase word as in {@link Deployment.Replica#reason}; empty while running
 * @param nextRetryMillis Unix milliseconds of the next attempt after a failure; 0 when none is due
 */
public record Container(String id, String name, String image, String status, String state, long created,
    List<String> ports, Map<String, String> labels, String reason, String message, int restartCount,
    long nextRetryMillis) {}
