package ai.hanzo.node.storage;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops metrics, events, audit entries, usage records (inference and compute) and QoS challenges older than their
 * retention (range deletes where the keys allow); runs on a schedule, never on the write path.
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final StorageOptions options;
  private final MetricsHistory metrics;
  private final EventStore events;
  private final AuditLog audit;
  private final UsageLog usage;
  private final ComputeUsageLog computeUsage;
  private final QosStore qos;

  RetentionJob(StorageOptions options, MetricsHistory metrics, EventStore events, AuditLog audit,
      UsageLog usage, ComputeUsageLog computeUsage, QosStore qos) {
    this.options = options;
    this.metrics = metrics;
    this.events = events;
    this.audit = audit;
    this.usage = usage;
    this.computeUsage = computeUsage;
    this.qos = qos;
  }

  /** Prunes now, against the configured clock. */
  public void runOnce() {
    Instant now = options.clock().instant();
    metrics.pruneBefore(now.minus(options.metricsRetention()));
    events.pruneBefore(now.minus(options.eventRetention()));
    audit.pruneBefore(now.minus(options.auditRetention()));
    usage.pruneBefore(now.minus(options.auditRetention()));
    computeUsage.pruneBefore(now.minus(options.auditRetention()));
    qos.pruneBefore(now.minus(options.auditRetention()));
  }

  /** The scheduled form: a failed run is logged and the next run tries again. */
  void runScheduled() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // an exception escaping a scheduled task would silently end the schedule
      LOG.warn("pruning old metrics, events, audit entries, usage records and qos challenges failed; will retry", e);
    }
  }
}
