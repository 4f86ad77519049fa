package ai.hanzo.node.client;

import java.time.Instant;

/**
 * What {@code hanzo-node audit} asks for; {@code null} fields are not sent (the node's defaults apply: the last
 * 24 hours, 100 records).
 */
public record AuditFilter(Instant since, Instant until, String principal, String action, String permission,
    String outcome, Integer limit, String pageToken) {}
