package ai.hanzo.node.api.http;

import ai.hanzo.node.api.access.BrowserRequestGuard;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code PUT /v1/models/{model}}: the HTTP twin of UploadModel, the GGUF file as the raw body
 * ({@code application/octet-stream}, or no type as {@code curl -T} sends it) and its size as {@code Content-Length}
 * (411 without: the size is checked before a byte is written, as UploadModel's declared size is). An optional
 * SHA-256, as {@code x-hanzo-sha256} or {@code ?sha256=}, is checked at the end. Everything else is the one code
 * path of {@link ai.hanzo.node.inference.serving.ModelUploads}; {@link HttpModelUpload} streams the body into it.
 * Not on the server's request timeout nor its request length limit: a model is gigabytes, and the declared size and
 * the idle timeout bound it instead.
 */
final class ModelUploadRoute {
  static final String SHA256_HEADER = "x-hanzo-sha256";
  private static final String PATH = "/v1/models/{model}";

  private final InferenceEndpoint inference;

  ModelUploadRoute(InferenceEndpoint inference) {
    this.inference = inference;
  }

  void addTo(ServerBuilder sb) {
    sb.route().methods(HttpMethod.PUT).path(PATH).maxRequestLength(0).requestTimeoutMillis(0)
        .build((ctx, req) -> serve(ctx, req));
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    assert BrowserRequestGuard.takesRawBody(ctx.method().name(), ctx.path());
    long size = req.headers().contentLength();
    if (size < 0) {
      req.abort();
      return refusal(new NodeException(ErrorCode.INVALID_ARGUMENT, "a model upload needs Content-Length: the"
          + " file's size in bytes, checked before anything is written", java.util.Map.of("reason",
          "length_required")));
    }
    MediaType type = req.headers().contentType();
    if (type != null && !type.is(MediaType.OCTET_STREAM)) {
      req.abort();
      return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.JSON_UTF_8, ErrorMapper.jsonBody(
          new NodeException(ErrorCode.INVALID_ARGUMENT, "a model upload's body is the GGUF file as"
              + " Content-Type: application/octet-stream, was " + type)));
    }
    String sha256;
    try {
      sha256 = sha256(req.headers().get(SHA256_HEADER), ctx.queryParam("sha256"));
    } catch (NodeException e) {
      req.abort();
      return refusal(e);
    }
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    new HttpModelUpload(inference::uploads, ctx, req, ctx.pathParam("model"), size, sha256,
        inference.uploadIdleTimeout(), answer).start();
    return HttpResponse.of(answer);
  }

  /** The client's SHA-256 (header or query; both must agree), lower-cased; empty when it gave none. */
  private static String sha256(String header, String query) {
    String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    if (!h.isEmpty() && !q.isEmpty() && !h.equals(q)) {
      throw NodeException.invalidField("sha256", "the " + SHA256_HEADER + " header and the sha256 query parameter"
          + " differ");
    }
    String given = h.isEmpty() ? q : h;
    if (given.length() > 64) {
      throw NodeException.invalidField("sha256", "must be 64 hex digits, was " + given.length() + " characters");
    }
    return given;
  }

  /**
   * A refusal in the node's JSON error body, with the status an upload's refusal means over HTTP: 411 without a
   * length, 413 beyond --max-model-size, 429 (Retry-After) while the node takes its most uploads at once, 408 for an
   * upload that stalled, else the mapper's (400 not GGUF / truncated / bad SHA-256, 409 name taken, 507 disk full).
   */
  static HttpResponse refusal(Throwable failure) {
    NodeException e = ErrorMapper.toNodeException(failure);
    String reason = e.details().getOrDefault("reason", "");
    HttpStatus status = switch (reason) {
      case "length_required" -> HttpStatus.LENGTH_REQUIRED;
      case "too_large" -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
      case "uploads_busy" -> HttpStatus.TOO_MANY_REQUESTS;
      case "upload_stalled" -> HttpStatus.REQUEST_TIMEOUT;
      default -> ErrorMapper.httpStatus(e);
    };
    com.linecorp.armeria.common.ResponseHeadersBuilder headers = ResponseHeaders.builder(status)
        .contentType(MediaType.JSON_UTF_8);
    if (status == HttpStatus.TOO_MANY_REQUESTS) {
      headers.add(HttpHeaderNames.RETRY_AFTER, e.details().getOrDefault("retry_after_seconds", "5"));
    }
    return HttpResponse.of(headers.build(), HttpData.ofUtf8(ErrorMapper.jsonBody(e)));
  }
}
