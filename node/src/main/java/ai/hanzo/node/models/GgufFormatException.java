package ai.hanzo.node.models;

/** A file that is not GGUF, is truncated, or breaks the format or the reader's limits; the message says where. */
public final class GgufFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public GgufFormatException(String message) {
    super(message);
  }
}
