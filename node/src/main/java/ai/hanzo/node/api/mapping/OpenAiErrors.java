package ai.hanzo.node.api.mapping;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}, for every answer on the
 * OpenAI-compatible routes: what their handlers refuse and what the access layer refuses before them (a missing key,
 * a missing permission, a rate limit), so that the OpenAI SDKs raise their own typed errors either way.
 */
public final class OpenAiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiErrors() {}

  /** Whether {@code path} is one of the OpenAI-compatible routes (completions, chat, embeddings, models). */
  public static boolean isOpenAiPath(String path) {
    return path.equals("/v1/completions") || path.equals("/v1/chat/completions") || path.equals("/v1/embeddings")
        || path.equals("/v1/models") || (path.startsWith("/v1/models/") && path.indexOf('/', 11) < 0);
  }

  public static String body(NodeException e) {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode inner = error.putObject("error");
    inner.put("message", e.getMessage() == null ? "" : e.getMessage());
    inner.put("type", switch (e.code()) {
      case INVALID_ARGUMENT, NOT_FOUND -> "invalid_request_error";
      case UNAUTHENTICATED -> "authentication_error";
      case PERMISSION_DENIED -> "permission_error";
      case RESOURCE_EXHAUSTED -> "rate_limit_error";
      default -> "server_error";
    });
    String field = e.details().get("field");
    if (field != null) {
      inner.put("param", field);
    } else {
      inner.putNull("param");
    }
    inner.put("code", code(e));
    return error.toString();
  }

  private static String code(NodeException e) {
    String reason = e.details().get("reason");
    if (reason != null) {
      return reason;
    }
    if (e.code() == ErrorCode.NOT_FOUND && e.details().containsKey("model")) {
      return "model_not_found";
    }
    return e.code().name().toLowerCase(Locale.ROOT);
  }
}
