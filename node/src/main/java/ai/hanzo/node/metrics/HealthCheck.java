package ai.hanzo.node.metrics;

/**
 * One check behind GetHealth (storage writable, container runtime answering, P2P listening, ...). Subsystems
 * implement it and the composition root registers it with {@link HealthChecks}. May block briefly (it is called
 * off the event loop) but must not hang: a check that cannot decide reports UNHEALTHY with the reason.
 */
public interface HealthCheck {
  String name();

  Result check();

  record Result(HealthLevel level, String detail) {
    public static Result healthy() {
      return new Result(HealthLevel.HEALTHY, "ok");
    }
  }
}
