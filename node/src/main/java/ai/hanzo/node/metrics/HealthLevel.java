package ai.hanzo.node.metrics;

/** How well a part of the node works; ordered from best to worst, so the node's level is the worst of its parts. */
public enum HealthLevel {
  HEALTHY,
  DEGRADED,
  UNHEALTHY;

  public HealthLevel worse(HealthLevel other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
