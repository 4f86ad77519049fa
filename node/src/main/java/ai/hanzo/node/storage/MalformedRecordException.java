package ai.hanzo.node.storage;

/** A stored value or key that cannot be decoded; stores turn it into a {@link StorageException}. */
final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean newerVersion;

  MalformedRecordException(String message) {
    this(message, false);
  }

  private MalformedRecordException(String message, boolean newerVersion) {
    super(message);
    this.newerVersion = newerVersion;
  }

  static MalformedRecordException newerVersion(String type, int found, int supported) {
    return new MalformedRecordException(
        type + " is encoded with schema version " + found + " but this node reads only up to "
            + supported + "; upgrade hanzo-node",
        true);
  }

  /** Whether the value is well-formed as far as we can tell but written by a newer node. */
  boolean newerVersion() {
    return newerVersion;
  }
}
