package ai.hanzo.node.error;

/**
 * Stable, transport-neutral error codes. Their names appear on the wire (the {@code code} of the HTTP error body),
 * so never rename one; the API maps each to a gRPC status and an HTTP status.
 */
public enum ErrorCode {
  INVALID_ARGUMENT,
  NOT_FOUND,
  ALREADY_EXISTS,
  PERMISSION_DENIED,
  UNAUTHENTICATED,
  RESOURCE_EXHAUSTED,
  FAILED_PRECONDITION,
  UNAVAILABLE,
  UNIMPLEMENTED,
  DEADLINE_EXCEEDED,
  INTERNAL
}
