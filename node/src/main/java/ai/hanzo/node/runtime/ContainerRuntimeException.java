package ai.hanzo.node.runtime;

/** Every failure of a {@link ContainerRuntime}: a stable {@link RuntimeErrorCode} plus a readable message. */
public class ContainerRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final RuntimeErrorCode code;

  public ContainerRuntimeException(RuntimeErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ContainerRuntimeException(RuntimeErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public RuntimeErrorCode code() {
    return code;
  }

  public static ContainerRuntimeException notFound(String id) {
    return new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no container with id '" + id + "'");
  }

  public static ContainerRuntimeException invalidSpec(String message) {
    return new ContainerRuntimeException(RuntimeErrorCode.INVALID_SPEC, message);
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
