package ai.hanzo.node.runtime;

/**
 * Image content (from a registry or an archive) that breaks its format or its promises. Distinct from a bad
 * request: the caller asked for something sensible that the source cannot deliver.
 */
public class ImageContentException extends ContainerRuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageContentException(String message) {
    super(RuntimeErrorCode.INVALID_SPEC, message);
  }
}
