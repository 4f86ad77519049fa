package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.Readiness;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;

/**
 * Kubernetes-style probes on the HTTP address: {@code /liveness} answers 200 while the process can answer at all;
 * {@code /readiness} 200 only between a complete start and the beginning of shutdown while the storage is healthy,
 * else 503 saying why.
 */
public final class ProbeService {
  private final Readiness readiness;

  public ProbeService(Readiness readiness) {
    this.readiness = readiness;
  }

  public void addTo(ServerBuilder sb) {
    sb.service("/liveness", (ctx, req) -> text(HttpStatus.OK, "alive"));
    sb.service("/readiness", (ctx, req) -> {
      String why = readiness.notReadyReason();
      return why == null ? text(HttpStatus.OK, "ready") : text(HttpStatus.SERVICE_UNAVAILABLE, why);
    });
  }

  private static HttpResponse text(HttpStatus status, String body) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, body + "\n");
  }
}
