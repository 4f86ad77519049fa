package ai.hanzo.node.api.access;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.RpcPermissions;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * gRPC calls: the RPC table of {@link RpcPermissions}; the standard health and reflection services count as
 * health reads (anonymous when anonymous health is on). Refusals are trailers-only responses carrying the same
 * status, description and {@code hanzo-error-code} the {@link ErrorMapper} puts on failed calls.
 */
public final class GrpcAccessRules implements AccessRules {
  private static final Permission HEALTH_READ = Permission.of("health", "read");
  private static final List<String> STANDARD_SERVICES = List.of("grpc.health.v1.Health/",
      "grpc.reflection.v1.ServerReflection/", "grpc.reflection.v1alpha.ServerReflection/");
  private static final MediaType DEFAULT_TYPE = MediaType.parse("application/grpc+proto");

  @Override
  public String method(ServiceRequestContext ctx) {
    return ctx.path().startsWith("/") ? ctx.path().substring(1) : ctx.path();
  }

  @Override
  public Permission permission(ServiceRequestContext ctx) {
    String rpc = method(ctx);
    if (STANDARD_SERVICES.stream().anyMatch(rpc::startsWith)) {
      return HEALTH_READ;
    }
    return RpcPermissions.forRpc(rpc).orElse(null);
  }

  @Override
  public HttpResponse refuse(ServiceRequestContext ctx, AccessDecision decision) {
    Status status = ErrorMapper.grpcStatus(decision.refusal());
    MediaType type = ctx.request().contentType();
    ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK)
        .contentType(type == null ? DEFAULT_TYPE : type)
        .add("grpc-status", Integer.toString(status.getCode().value()))
        .add("grpc-message", percentEncode(decision.message()))
        .add(ErrorMapper.CODE_KEY.name(), decision.refusal().name());
    if (decision.retryAfter() != null) {
      headers.add(HttpHeaderNames.RETRY_AFTER, Long.toString(decision.retryAfter().toSeconds()));
    }
    return HttpResponse.of(headers.endOfStream(true).build());
  }

  @Override
  public String outcome(RequestLog log) {
    String code = log.responseTrailers().get("grpc-status");
    if (code == null) {
      code = log.responseHeaders().get("grpc-status");
    }
    return code == null ? "UNKNOWN" : Status.fromCodeValue(Integer.parseInt(code)).getCode().name();
  }

  /** grpc-message is percent-encoded UTF-8 (gRPC over HTTP/2 spec): only printable ASCII but '%' stays. */
  static String percentEncode(String message) {
    StringBuilder sb = new StringBuilder();
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        sb.append((char) b);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
