package ai.hanzo.node.app;

import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.KeySetStatus;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;

/**
 * DEGRADED while a needed JWKS cannot be fetched: API keys and shared-secret tokens still work, so the node
 * keeps serving, but token holders of the identity provider are refused until the key set is back.
 */
final class IamKeySetCheck implements HealthCheck {
  private final Iam iam;

  IamKeySetCheck(Iam iam) {
    this.iam = iam;
  }

  @Override
  public String name() {
    return "iam-keys";
  }

  @Override
  public Result check() {
    KeySetStatus status = iam.keySetStatus();
    return status.healthy() ? Result.healthy()
        : new Result(HealthLevel.DEGRADED, "the JWKS cannot be fetched: " + status.problem());
  }
}
