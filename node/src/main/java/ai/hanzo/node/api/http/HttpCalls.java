package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.BrowserRequestGuard;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.Executor;

/** Glue from HTTP requests to the endpoints: JSON in and out, errors through the one mapper. */
public final class HttpCalls {
  private HttpCalls() {}

  /**
   * A JSON route: aggregates the body, runs {@code handler} on the blocking executor (never on the event loop: the
   * endpoints read the database, the runtime or the network) and answers {@code success} with the message as proto3
   * JSON.
   */
  static HttpService json(HttpStatus success, Handler handler) {
    return answer((ctx, agg) -> HttpResponse.of(success, MediaType.JSON_UTF_8, Json.print(handler.handle(ctx, agg))));
  }

  /** As {@link #json}, for a handler that answers a JSON document of its own (200). */
  static HttpService jsonDocument(DocumentHandler handler) {
    return answer((ctx, agg) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, handler.handle(ctx)));
  }

  private static HttpService answer(Responder responder) {
    return (ctx, req) -> {
      Executor executor = ctx.blockingTaskExecutor();
      return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
        HttpResponse untyped = BrowserRequestGuard.refuseUntypedBody(agg);
        if (untyped != null) {
          return untyped;
        }
        try {
          return responder.respond(ctx, agg);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          return error(e);
        }
      }, executor));
    };
  }

  static HttpResponse error(Throwable t) {
    NodeException e = ErrorMapper.toNodeException(t);
    return HttpResponse.of(ErrorMapper.httpStatus(e.code()), MediaType.JSON_UTF_8, ErrorMapper.jsonBody(e));
  }

  /** A path parameter must agree with the same field in the body, if the body sets it. */
  static String pathMatches(String fromPath, String fromBody, String field) {
    if (!fromBody.isEmpty() && !fromBody.equals(fromPath)) {
      throw NodeException.invalidField(field, "'" + fromBody + "' in the body differs from '" + fromPath
          + "' in the path");
    }
    return fromPath;
  }

  static boolean booleanParam(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty() || v.equals("false") || v.equals("0")) {
      return false;
    }
    if (v.equals("true") || v.equals("1")) {
      return true;
    }
    throw NodeException.invalidField(name, "must be true or false, was '" + v + "'");
  }

  static int uint32Param(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseUnsignedInt(v);
    } catch (NumberFormatException e) {
      throw NodeException.invalidField(name, "must be a non-negative integer, was '" + v + "'");
    }
  }

  static long uint64Param(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      throw NodeException.invalidField(name, "must be a non-negative integer, was '" + v + "'");
    }
  }

  @FunctionalInterface
  interface Handler {
    Message handle(ServiceRequestContext ctx, AggregatedHttpRequest request) throws InvalidProtocolBufferException;
  }

  interface DocumentHandler {
    String handle(ServiceRequestContext ctx);
  }

  private interface Responder {
    HttpResponse respond(ServiceRequestContext ctx, AggregatedHttpRequest request)
        throws InvalidProtocolBufferException;
  }
}
