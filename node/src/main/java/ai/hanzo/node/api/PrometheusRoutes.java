package ai.hanzo.node.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;

/** Prometheus text exposition at {@code /metrics} and {@code /v1/metrics} (host gauges and API request meters). */
public final class PrometheusRoutes {
  static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private final PrometheusMeterRegistry registry;

  public PrometheusRoutes(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public void addTo(ServerBuilder sb) {
    // Scraping walks every meter: keep it off the event loop.
    HttpService scrape = (ctx, req) -> HttpResponse.of(CompletableFuture.supplyAsync(
        () -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, registry.scrape()), ctx.blockingTaskExecutor()));
    sb.route().get("/metrics").build(scrape);
    sb.route().get("/v1/metrics").build(scrape);
  }
}
