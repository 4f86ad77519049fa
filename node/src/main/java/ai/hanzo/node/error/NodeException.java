package ai.hanzo.node.error;

import java.util.Map;

/**
 * A failure the caller should see, with a stable {@link ErrorCode}, a message that says what was wrong and what to
 * do, and optional machine-readable details (for validation errors: the {@code field} path).
 */
public final class NodeException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, String> details;

  public NodeException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  public NodeException(ErrorCode code, String message, Map<String, String> details) {
    super(message);
    this.code = code;
    this.details = Map.copyOf(details);
  }

  /** A bad or missing request field; {@code fieldPath} is the proto path, e.g. {@code capabilities.cpu_cores}. */
  public static NodeException invalidField(String fieldPath, String problem) {
    return new NodeException(ErrorCode.INVALID_ARGUMENT, fieldPath + ": " + problem, Map.of("field", fieldPath));
  }

  public static NodeException notFound(String what, String id) {
    return new NodeException(ErrorCode.NOT_FOUND, what + " '" + id + "' not found", Map.of(what.replace(' ', '_'), id));
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, String> details() {
    return details;
  }
}
