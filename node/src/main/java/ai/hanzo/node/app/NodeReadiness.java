package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.Readiness;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import java.util.function.Supplier;

/**
 * What {@code /readiness} answers: ready once every service has started and until shutdown begins, and only while
 * the {@code storage} check is HEALTHY. A node whose database cannot write (disk full, failing writes: DEGRADED) or
 * is damaged (UNHEALTHY) cannot take deployments or keep state, so a load balancer should send it nothing new; it
 * is ready again as soon as writes succeed. Both reads are in memory: the probe answers on the event loop.
 */
final class NodeReadiness implements Readiness {
  private final Supplier<ControllerState> lifecycle;
  private final HealthCheck storage;

  NodeReadiness(Supplier<ControllerState> lifecycle, HealthCheck storage) {
    this.lifecycle = lifecycle;
    this.storage = storage;
  }

  @Override
  public boolean ready() {
    return notReadyReason() == null;
  }

  @Override
  public String notReadyReason() {
    ControllerState state = lifecycle.get();
    if (state != ControllerState.RUNNING) {
      return "not ready: the node is " + state.name().toLowerCase(java.util.Locale.ROOT);
    }
    HealthCheck.Result result = storage.check();
    if (result.level() != HealthLevel.HEALTHY) {
      return "not ready: storage is " + result.level() + ": " + result.detail();
    }
    return null;
  }
}
