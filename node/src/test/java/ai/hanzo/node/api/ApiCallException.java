package ai.hanzo.node.api;

/** A failed call as either transport reports it: the stable code, the message and the offending field. */
final class ApiCallException extends RuntimeException {
  final String code;
  final String field;

  ApiCallException(String code, String message, String field) {
    super(code + ": " + message);
    this.code = code;
    this.field = field;
  }
}
