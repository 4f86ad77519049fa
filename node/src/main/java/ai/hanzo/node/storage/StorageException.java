package ai.hanzo.node.storage;

import java.util.Objects;

/** Every failure of the storage layer, tagged with a stable {@link StorageErrorCode}. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final StorageErrorCode code;

  public StorageException(StorageErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public StorageException(StorageErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public StorageErrorCode code() {
    return code;
  }

  /** The message without the code in front, for a line meant for an operator. */
  public String reason() {
    return super.getMessage();
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
