package ai.hanzo.node.client;

import java.time.Instant;

/**
 * What {@code hanzo-node usage} asks for; {@code null} fields are not sent (the node's defaults apply: the last
 * 24 hours, 100 records, every organisation, model and deployment the caller may see, compute usage per hour).
 */
public record UsageFilter(Instant since, Instant until, String org, String model, Integer limit, String pageToken,
    String deploymentId, String granularity) {}
