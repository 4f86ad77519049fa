package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.compute.Tenant;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus text exposition at {@code /metrics} and {@code /v1/metrics} (host gauges, API request meters and the
 * per-container series). A caller who does not see every org gets the series of a deployment (those with a
 * {@code deployment} label) only for its own org's deployments; node-wide series for everyone allowed to scrape.
 */
public final class PrometheusRoutes {
  static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");
  /** Deployment ids are letters, digits, '.', '_' and '-', so the label value needs no unescaping. */
  private static final Pattern DEPLOYMENT_LABEL = Pattern.compile("[{,]deployment=\"([^\"\\\\]*)\"");

  private final PrometheusMeterRegistry registry;
  private final Function<Tenant, Set<String>> deploymentsOf;

  /** @param deploymentsOf the ids of the deployments a tenant sees (may block) */
  public PrometheusRoutes(PrometheusMeterRegistry registry, Function<Tenant, Set<String>> deploymentsOf) {
    this.registry = registry;
    this.deploymentsOf = deploymentsOf;
  }

  public void addTo(ServerBuilder sb) {
    // Scraping walks every meter (and a scoped scrape lists deployments): keep it off the event loop.
    HttpService scrape = (ctx, req) -> {
      Tenant tenant = OrgScope.current();
      return HttpResponse.of(CompletableFuture.supplyAsync(
          () -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, scrape(tenant)), ctx.blockingTaskExecutor()));
    };
    sb.route().get("/metrics").build(scrape);
    sb.route().get("/v1/metrics").build(scrape);
  }

  private String scrape(Tenant tenant) {
    String text = registry.scrape();
    return tenant.seesAll() ? text : onlyDeployments(text, deploymentsOf.apply(tenant));
  }

  /** {@code text} without the samples labelled with a deployment not in {@code visible}. */
  static String onlyDeployments(String text, Set<String> visible) {
    StringBuilder kept = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      Matcher m = line.startsWith("#") ? null : DEPLOYMENT_LABEL.matcher(line);
      if (m != null && m.find() && !visible.contains(m.group(1))) {
        continue;
      }
      kept.append(line).append('\n');
    }
    return kept.substring(0, Math.max(0, kept.length() - 1));
  }
}
