package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ImageContentException;

/** Content from a registry or an archive that breaks its format or its promises (digest, size, paths). */
public final class ImageFormatException extends ImageContentException {
  private static final long serialVersionUID = 1L;

  public ImageFormatException(String message) {
    super(message);
  }
}
