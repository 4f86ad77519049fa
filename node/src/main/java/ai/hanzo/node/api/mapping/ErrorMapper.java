package ai.hanzo.node.api.mapping;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.StorageException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one translation from domain failures to the wire: {@link NodeException} codes to gRPC statuses (with the
 * stable code and details in trailers) and to HTTP statuses with the {@code {code, message, details}} body.
 * Anything unexpected becomes INTERNAL with a generic message; the cause is logged, never sent.
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
  public static final Metadata.Key<String> CODE_KEY = Metadata.Key.of("hanzo-error-code", Metadata.ASCII_STRING_MARSHALLER);
  static final String DETAIL_PREFIX = "hanzo-error-";

  private ErrorMapper() {}

  /** Normalizes any failure into a NodeException a client may see. */
  public static NodeException toNodeException(Throwable t) {
    Throwable cause = t;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof NodeException ne) {
      return ne;
    }
    StorageException storage = storageCause(cause);
    if (storage != null) {
      return storage(storage);
    }
    if (cause instanceof InvalidProtocolBufferException e) {
      return new NodeException(ErrorCode.INVALID_ARGUMENT, "malformed request body: " + e.getMessage());
    }
    if (cause instanceof StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      return new NodeException(fromGrpc(e.getStatus().getCode()),
          description == null ? e.getStatus().getCode().name() : description);
    }
    log.error("Unexpected error serving a request", cause);
    return new NodeException(ErrorCode.INTERNAL, "internal error; see the node's log");
  }

  /** The StorageException in {@code t}'s cause chain, if any (a subsystem may wrap it). */
  private static StorageException storageCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StorageException e) {
        return e;
      }
    }
    return null;
  }

  /**
   * A full disk is RESOURCE_EXHAUSTED (it passes once space is freed), anything else the database cannot do
   * UNAVAILABLE; the message says which, so an operator is not left with a bare "internal error".
   */
  private static NodeException storage(StorageException e) {
    log.warn("Storage error serving a request: {}", e.getMessage());
    return switch (e.code()) {
      case DISK_FULL -> new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "the node's disk is full: writes are"
          + " refused until space is freed in its data directory (" + e.getMessage() + ")");
      case CORRUPT -> new NodeException(ErrorCode.UNAVAILABLE, "the node's database is damaged (" + e.getMessage()
          + "); see the node's health and the README's 'Recovering from storage corruption'");
      default -> new NodeException(ErrorCode.UNAVAILABLE, "the node's storage is not available (" + e.getMessage()
          + ")");
    };
  }

  public static StatusRuntimeException toStatus(Throwable t) {
    NodeException e = toNodeException(t);
    Metadata trailers = new Metadata();
    trailers.put(CODE_KEY, e.code().name());
    e.details().forEach((k, v) -> trailers.put(
        Metadata.Key.of(DETAIL_PREFIX + k.replace('_', '-'), Metadata.ASCII_STRING_MARSHALLER), ascii(v)));
    return grpcStatus(e.code()).withDescription(e.getMessage()).asRuntimeException(trailers);
  }

  public static Status grpcStatus(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      case UNIMPLEMENTED -> Status.UNIMPLEMENTED;
      case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
      case INTERNAL -> Status.INTERNAL;
    };
  }

  /**
   * A detail of RESOURCE_EXHAUSTED saying the network has no node for the request at all (as opposed to this node
   * being full for now): HTTP answers it 422, a request the caller must change, with the same JSON error body.
   */
  public static final String UNSATISFIABLE = "unsatisfiable";

  /** The HTTP status of {@code e}: by its code, except a RESOURCE_EXHAUSTED marked {@link #UNSATISFIABLE} (422). */
  public static HttpStatus httpStatus(NodeException e) {
    if (e.code() == ErrorCode.RESOURCE_EXHAUSTED && "true".equals(e.details().get(UNSATISFIABLE))) {
      return HttpStatus.UNPROCESSABLE_ENTITY;
    }
    return httpStatus(e.code());
  }

  public static HttpStatus httpStatus(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case ALREADY_EXISTS -> HttpStatus.CONFLICT;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case RESOURCE_EXHAUSTED -> HttpStatus.INSUFFICIENT_STORAGE;
      case FAILED_PRECONDITION -> HttpStatus.PRECONDITION_FAILED;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
      case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
      case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  static ErrorCode fromGrpc(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case ALREADY_EXISTS -> ErrorCode.ALREADY_EXISTS;
      case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
      case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> ErrorCode.RESOURCE_EXHAUSTED;
      case FAILED_PRECONDITION, ABORTED -> ErrorCode.FAILED_PRECONDITION;
      case UNAVAILABLE, CANCELLED -> ErrorCode.UNAVAILABLE;
      case UNIMPLEMENTED -> ErrorCode.UNIMPLEMENTED;
      case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
      default -> ErrorCode.INTERNAL;
    };
  }

  /** The HTTP error body: {@code {"code": "...", "message": "...", "details": {...}}}. */
  public static String jsonBody(NodeException e) {
    StringBuilder sb = new StringBuilder("{\"code\": ").append(Json.quote(e.code().name()))
        .append(", \"message\": ").append(Json.quote(e.getMessage() == null ? "" : e.getMessage()))
        .append(", \"details\": {");
    boolean first = true;
    for (Map.Entry<String, String> d : new java.util.TreeMap<>(e.details()).entrySet()) {
      sb.append(first ? "" : ", ").append(Json.quote(d.getKey())).append(": ").append(Json.quote(d.getValue()));
      first = false;
    }
    return sb.append("}}").toString();
  }

  private static String ascii(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
