package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.AllocationsEndpoint;
import ai.hanzo.node.compute.CapacityHold;
import ai.hanzo.node.compute.CapacityHolding;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases expired allocations, at start (holds that expired while the node was down) and every
 * {@link #EVERY}: the holds this node keeps for others and the allocations it made. Each is audited
 * ({@code allocation.expire}). An expired hold already counts for nothing; the sweep only forgets it.
 */
final class AllocationSweep implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(AllocationSweep.class);

  private final CapacityHolding holds;
  private final AllocationsEndpoint allocations;
  private final AuditLog audit;
  private final Clock clock;
  private ScheduledExecutorService timer;

  AllocationSweep(CapacityHolding holds, AllocationsEndpoint allocations, AuditLog audit, Clock clock) {
    this.holds = holds;
    this.allocations = allocations;
    this.audit = audit;
    this.clock = clock;
  }

  synchronized void start() {
    sweep();
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "allocation-sweep");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::sweepSafely, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Sweeping expired allocations failed: {}", e.toString());
    }
  }

  void sweep() {
    for (CapacityHold h : holds.expireHolds()) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("caller_org", h.org());
      details.put("placer_peer", h.placerPeerId());
      details.put("detail", (h.used() ? "used by " + h.usedBy() + ", " : "") + "expired at " + h.expiresAt());
      audit.append(new AuditEntry(clock.instant(), "node", "allocation.expire", h.id(), "OK", null, details));
      log.info("Allocation {} held for peer {} expired", h.id(), h.placerPeerId());
    }
    allocations.sweep();
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
