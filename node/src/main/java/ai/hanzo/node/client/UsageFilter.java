package ai.hanzo.node.client;

import java.time.Instant;

/**
 * What {@code hanzo-node usage} asks for; {@code null} fields are not sent (the node's defaults apply: the last
 * 24 hours, 100 records, every organisation and model the caller may see).
 */
public record UsageFilter(Instant since, Instant until, String org, String model, Integer limit, String pageToken) {}
