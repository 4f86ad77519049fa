package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthcheckPlanTest {
  private static HealthcheckPlan plan(List<String> test, String interval, String timeout, int retries,
      String startPeriod) {
    return HealthcheckPlan.of(new Healthcheck(test, interval, timeout, retries, startPeriod)).orElseThrow();
  }

  @Test
  void cmdRunsTheProgramAndCmdShellAndPlainLinesGoThroughTheShell() {
    assertThat(plan(List.of("CMD", "curl", "-f", "http://localhost"), "", "", 0, "").command())
        .containsExactly("curl", "-f", "http://localhost");
    assertThat(plan(List.of("CMD-SHELL", "curl -f http://localhost || exit 1"), "", "", 0, "").command())
        .containsExactly("/bin/sh", "-c", "curl -f http://localhost || exit 1");
    assertThat(plan(List.of("pg_isready -U postgres"), "", "", 0, "").command())
        .containsExactly("/bin/sh", "-c", "pg_isready -U postgres");
  }

  @Test
  void dockerDefaultsFillWhatIsNotGiven() {
    HealthcheckPlan p = plan(List.of("CMD", "true"), "", "", 0, "");
    assertThat(p.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.retries()).isEqualTo(3);
    assertThat(p.startPeriod()).isZero();
    HealthcheckPlan q = plan(List.of("CMD", "true"), "1m30s", "5s", 5, "40s");
    assertThat(q.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(q.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(q.retries()).isEqualTo(5);
    assertThat(q.startPeriod()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void noneOrNothingMeansNoCheck() {
    assertThat(HealthcheckPlan.of(null)).isEmpty();
    assertThat(HealthcheckPlan.of(new Healthcheck(List.of(), "", "", 0, ""))).isEmpty();
    assertThat(HealthcheckPlan.of(new Healthcheck(List.of("NONE"), "", "", 0, ""))).isEmpty();
  }

  @Test
  void badValuesAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> plan(List.of("CMD"), "", "", 0, "")).hasMessageContaining("no command");
    assertThatThrownBy(() -> plan(List.of("CMD", "true"), "soon", "", 0, "")).hasMessageContaining("interval 'soon'");
    assertThatThrownBy(() -> plan(List.of("CMD", "true"), "10ms", "", 0, "")).hasMessageContaining("100ms");
    assertThatThrownBy(() -> plan(List.of("CMD", "true"), "", "0s", 0, "")).hasMessageContaining("timeout");
    assertThatThrownBy(() -> plan(List.of("CMD", "true"), "", "", -1, "")).hasMessageContaining("retries");
  }
}
