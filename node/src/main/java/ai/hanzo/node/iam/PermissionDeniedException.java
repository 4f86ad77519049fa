package ai.hanzo.node.iam;

/** An authenticated caller lacks the permission, or acted outside its org (PERMISSION_DENIED / HTTP 403). */
public final class PermissionDeniedException extends RuntimeException {
  private final Permission required;

  public PermissionDeniedException(Permission required, String message) {
    super(message, null, false, false);
    this.required = required;
  }

  public Permission required() {
    return required;
  }
}
