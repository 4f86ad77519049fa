package ai.hanzo.node.app;

import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.KeySetStatus;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import java.util.function.Supplier;

/**
 * DEGRADED while a needed JWKS cannot be fetched: API keys and shared-secret tokens still work, so the node
 * keeps serving, but token holders of the identity provider are refused until the key set is back.
 */
final class IamKeySetCheck implements HealthCheck {
  private final Supplier<Iam> iam;

  IamKeySetCheck(Supplier<Iam> iam) {
    this.iam = iam;
  }

  @Override
  public String name() {
    return "iam-keys";
  }

  @Override
  public Result check() {
    Iam current = iam.get();
    if (current == null) {
      return new Result(HealthLevel.DEGRADED, "IAM is not started yet");
    }
    KeySetStatus status = current.keySetStatus();
    return status.healthy() ? Result.healthy()
        : new Result(HealthLevel.DEGRADED, "the JWKS cannot be fetched: " + status.problem());
  }
}
