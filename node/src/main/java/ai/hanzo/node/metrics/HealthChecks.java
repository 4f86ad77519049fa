package ai.hanzo.node.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered checks; the node's health is the worst of their results (HEALTHY when there are none). */
public final class HealthChecks {
  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

  public void register(HealthCheck check) {
    checks.add(check);
  }

  public Report evaluate() {
    HealthLevel overall = HealthLevel.HEALTHY;
    Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
    for (HealthCheck check : checks) {
      HealthCheck.Result result;
      try {
        result = check.check();
      } catch (RuntimeException e) {
        result = new HealthCheck.Result(HealthLevel.UNHEALTHY, "check failed: " + e);
      }
      results.put(check.name(), result);
      overall = overall.worse(result.level());
    }
    return new Report(overall, results);
  }

  public record Report(HealthLevel level, Map<String, HealthCheck.Result> results) {
    public Report {
      results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
  }
}
