package ai.hanzo.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMetricsTest {
  @TempDir Path dir;

  @Test
  void oshiReadsRealFractionsAndCounters() {
    OshiHostMetrics host = new OshiHostMetrics(dir, () -> 3, Clock.systemUTC());
    host.sample();
    HostMetricsSample s = host.sample();
    assertThat(s.cpuUsage()).isBetween(0.0, 1.0);
    assertThat(s.memoryUsage()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(s.diskUsage()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(s.networkRxBytes()).isNotNegative();
    assertThat(s.activeContainers()).isEqualTo(3);
  }

  @Test
  void theSamplerHasAReadingAsSoonAsItStarted() {
    try (HostMetricsSampler sampler = new HostMetricsSampler(new OshiHostMetrics(dir, () -> 0, Clock.systemUTC()),
        Duration.ofHours(1))) {
      assertThatThrownBy(sampler::latest).isInstanceOf(NullPointerException.class);
      sampler.start();
      assertThat(sampler.latest().memoryUsage()).isGreaterThan(0.0);
    }
  }

  @Test
  void samplesRejectValuesOutsideTheirRange() {
    assertThatThrownBy(() -> new HostMetricsSample(java.time.Instant.EPOCH, 1.5, 0, 0, 0, 0, 0))
        .hasMessageContaining("cpuUsage");
    assertThat(HostMetricsSample.fraction(Double.NaN)).isZero();
    assertThat(HostMetricsSample.fraction(1.0000001)).isEqualTo(1.0);
  }

  @Test
  void healthIsTheWorstCheckAndAThrowingCheckIsUnhealthy() {
    HealthChecks checks = new HealthChecks();
    assertThat(checks.evaluate().level()).isEqualTo(HealthLevel.HEALTHY);
    checks.register(new DataDirWritableCheck(dir));
    assertThat(checks.evaluate().level()).isEqualTo(HealthLevel.HEALTHY);
    checks.register(new HealthCheck() {
      @Override
      public String name() {
        return "runtime";
      }

      @Override
      public Result check() {
        throw new IllegalStateException("socket gone");
      }
    });
    HealthChecks.Report report = checks.evaluate();
    assertThat(report.level()).isEqualTo(HealthLevel.UNHEALTHY);
    assertThat(report.results().get("runtime").detail()).contains("socket gone");
  }

  @Test
  void aMissingDataDirectoryIsUnhealthy() {
    assertThat(new DataDirWritableCheck(dir.resolve("missing")).check().level()).isEqualTo(HealthLevel.UNHEALTHY);
  }

  @Test
  void mlxNeedsAppleSilicon() {
    assertThat(MlxSupport.usable(true, "Linux", "aarch64")).isFalse();
    assertThat(MlxSupport.usable(true, "Mac OS X", "x86_64")).isFalse();
    assertThat(MlxSupport.usable(false, "Mac OS X", "aarch64")).isFalse();
    assertThat(MlxSupport.usable(true, "Mac OS X", "aarch64")).isTrue();
  }
}
