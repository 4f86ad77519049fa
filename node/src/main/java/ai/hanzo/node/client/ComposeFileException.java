package ai.hanzo.node.client;

/**
 * A Compose file that cannot be sent to a node: unreadable, not YAML, or with a key or value this node does not
 * support. The message starts with the path of the offending key, e.g. {@code services.web.build: not supported}.
 */
public final class ComposeFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ComposeFileException(String message) {
    super(message);
  }

  public ComposeFileException(String message, Throwable cause) {
    super(message, cause);
  }

  static ComposeFileException at(String path, String problem) {
    return new ComposeFileException(path + ": " + problem);
  }
}
