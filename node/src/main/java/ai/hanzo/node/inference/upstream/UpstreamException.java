package ai.hanzo.node.inference.upstream;

/** An upstream that answered what the node cannot use (garbage, too much, nothing in time); becomes UNAVAILABLE. */
final class UpstreamException extends RuntimeException {
  UpstreamException(String message) {
    super(message, null, false, false);
  }
}
