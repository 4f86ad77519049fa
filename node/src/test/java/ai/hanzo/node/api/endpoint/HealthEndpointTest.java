package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.HealthCheckResult;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthChecks;
import ai.hanzo.node.metrics.HealthLevel;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

  @Test
  void everyCheckIsListedWithItsOwnResultAndTheNodeHasTheWorst() {
    HealthChecks checks = new HealthChecks();
    checks.register(check("storage", HealthCheck.Result.healthy()));
    checks.register(check("p2p", new HealthCheck.Result(HealthLevel.DEGRADED, "no bootstrap peer connected")));
    checks.register(new HealthCheck() {
      @Override
      public String name() {
        return "chain";
      }

      @Override
      public Result check() {
        throw new IllegalStateException("rpc gone");
      }
    });

    GetHealthResponse health = new HealthEndpoint(checks, "0.1.0", false, "1337")
        .getHealth(GetHealthRequest.getDefaultInstance());

    assertThat(health.getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_UNHEALTHY);
    assertThat(health.getChecksList())
        .extracting(HealthCheckResult::getName, HealthCheckResult::getStatus, HealthCheckResult::getReason)
        .containsExactly(
            tuple("storage", HealthStatus.HEALTH_STATUS_HEALTHY, "ok"),
            tuple("p2p", HealthStatus.HEALTH_STATUS_DEGRADED, "no bootstrap peer connected"),
            tuple("chain", HealthStatus.HEALTH_STATUS_UNHEALTHY,
                "check failed: java.lang.IllegalStateException: rpc gone"));
  }

  @Test
  void aNodeWithoutChecksIsHealthyAndListsNone() {
    GetHealthResponse health = new HealthEndpoint(new HealthChecks(), "0.1.0", false, "1337")
        .getHealth(GetHealthRequest.getDefaultInstance());

    assertThat(health.getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_HEALTHY);
    assertThat(health.getChecksList()).isEmpty();
  }

  private static HealthCheck check(String name, HealthCheck.Result result) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result check() {
        return result;
      }
    };
  }
}
