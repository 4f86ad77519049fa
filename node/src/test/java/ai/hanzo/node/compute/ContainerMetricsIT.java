package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-container cpu, memory and pids of real process containers, into the history and Prometheus. */
class ContainerMetricsIT extends WithRunningEngine {

  @Test
  void aBusyContainerShowsCpuMemoryAndPids() {
    fx.engine.deploy(Tenant.ALL, request("busy", "spin", 1, "no", "while :; do :; done"));
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.engine.get(Tenant.ALL, "busy").orElseThrow().readyReplicas() == 1);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ContainerMetrics metrics = new ContainerMetrics(fx.runtime, ComputeFixture.NODE, fx.db.metrics(), meters,
        Clock.systemUTC());

    // A spinning shell uses a whole core on a quiet machine; the bar is low because CI may share its cores.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      metrics.sample();
      return fx.db.metrics().latest("container/busy/spin/1/cpu").map(p -> p.value() > 0.02).orElse(false);
    });
    assertThat(fx.db.metrics().latest("container/busy/spin/1/memory")).hasValueSatisfying(p ->
        assertThat(p.value()).isPositive());
    assertThat(fx.db.metrics().latest("container/busy/spin/1/pids")).hasValueSatisfying(p ->
        assertThat(p.value()).isGreaterThanOrEqualTo(1));
    String scrape = meters.scrape();
    assertThat(scrape).contains("hanzo_container_cpu_usage_ratio{").contains("hanzo_container_memory_bytes{")
        .contains("hanzo_container_pids{").contains("deployment=\"busy\"").contains("service=\"spin\"");

    fx.engine.remove(Tenant.ALL, "busy", false); // answers once stored; the worker removes the container after
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.runtime.list(Map.of(ReplicaName.DEPLOYMENT_LABEL, "busy")).isEmpty());
    metrics.sample();
    assertThat(meters.scrape()).as("a removed container leaves Prometheus").doesNotContain("deployment=\"busy\"");
    assertThat(fx.db.metrics().query("container/busy/spin/1/memory", Instant.EPOCH, Instant.now().plusSeconds(1)))
        .as("but stays in the history").isNotEmpty();
  }
}
