package ai.hanzo.node.api.access;

import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.config.StreamLimits;
import ai.hanzo.node.iam.Principal;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Caps the streams a caller holds open (GetLogs, GetMetrics, GetEvents and ExecInContainer over gRPC; the
 * WebSockets and the NDJSON log and event streams over HTTP), per caller and for the whole node, so one client
 * cannot tie up the node's memory and file handles with idle streams. The caller is the IAM principal (its
 * {@linkplain Principal#rateLimitKey() rate-limit key}); with IAM off, or for an anonymous caller, its address.
 * A stream over the limit is refused with RESOURCE_EXHAUSTED (HTTP 429) before it opens; a slot is freed when its
 * request ends, however it ends. One instance serves both servers, so the limits count both transports together.
 */
public final class StreamLimiter {
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  private static final Set<String> GRPC_STREAMS = Set.of(
      "/" + NodeServiceGrpc.getGetLogsMethod().getFullMethodName(),
      "/" + NodeServiceGrpc.getGetMetricsMethod().getFullMethodName(),
      "/" + NodeServiceGrpc.getGetEventsMethod().getFullMethodName(),
      "/" + NodeServiceGrpc.getExecInContainerMethod().getFullMethodName());

  private final StreamLimits limits;
  private final Map<String, Integer> openByCaller = new HashMap<>();
  private int open;

  public StreamLimiter(StreamLimits limits) {
    this.limits = limits;
  }

  /** The decorator for one server; {@code rules} renders a refusal as that transport does. */
  public DecoratingHttpServiceFunction decorator(AccessRules rules) {
    return (HttpService delegate, ServiceRequestContext ctx, HttpRequest req) -> {
      if (!isStream(ctx.path())) {
        return delegate.serve(ctx, req);
      }
      String caller = caller(ctx);
      String refusal = tryOpen(caller);
      if (refusal != null) {
        req.abort();
        return rules.refuse(ctx, AccessDecision.rateLimited(refusal, RETRY_AFTER));
      }
      ctx.log().whenComplete().whenComplete((log, failure) -> closed(caller));
      return delegate.serve(ctx, req);
    };
  }

  static boolean isStream(String path) {
    return GRPC_STREAMS.contains(path) || path.startsWith("/ws/") || path.equals("/v1/events")
        || (path.startsWith("/v1/deployments/") && path.endsWith("/logs"));
  }

  private static String caller(ServiceRequestContext ctx) {
    Principal principal = ctx.attr(CallerPrincipal.KEY);
    if (principal != null && principal.kind() != Principal.Kind.ANONYMOUS) {
      return principal.rateLimitKey();
    }
    return "address:" + ctx.remoteAddress().getAddress().getHostAddress();
  }

  /** Takes a slot for {@code caller}, or says why there is none. */
  synchronized String tryOpen(String caller) {
    if (open >= limits.perNode()) {
      return "this node already serves " + limits.perNode() + " streams, its limit (--max-streams); "
          + "try again when some have closed";
    }
    int mine = openByCaller.getOrDefault(caller, 0);
    if (mine >= limits.perCaller()) {
      return "this caller already has " + limits.perCaller() + " streams open, the most one caller may "
          + "(--max-streams-per-caller); close one first";
    }
    openByCaller.put(caller, mine + 1);
    open++;
    return null;
  }

  synchronized void closed(String caller) {
    int mine = openByCaller.getOrDefault(caller, 0);
    if (mine <= 1) {
      openByCaller.remove(caller);
    } else {
      openByCaller.put(caller, mine - 1);
    }
    open--;
  }

  /** Streams open on the node now (for tests). */
  synchronized int open() {
    return open;
  }
}
