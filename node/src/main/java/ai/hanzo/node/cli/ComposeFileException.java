package ai.hanzo.node.cli;

/**
 * A Compose file that cannot be sent to a node: unreadable, not YAML, or with a key or value this node does not
 * support. The message starts with the path of the offending key, e.g. {@code services.web.build: not supported}.
 */
final class ComposeFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ComposeFileException(String message) {
    super(message);
  }

  ComposeFileException(String message, Throwable cause) {
    super(message, cause);
  }

  static ComposeFileException at(String path, String problem) {
    return new ComposeFileException(path + ": " + problem);
  }
}
