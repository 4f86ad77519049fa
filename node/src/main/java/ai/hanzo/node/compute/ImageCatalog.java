package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ImageContentException;
import ai.hanzo.node.runtime.ImageStore;
import ai.hanzo.node.runtime.ImageSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running node's image store (the one its runc runtime creates containers from), for the API: list, pull and
 * remove while containers run. A node whose runtime keeps no images of its own answers FAILED_PRECONDITION.
 */
public final class ImageCatalog {
  private final Optional<ImageStore> store;
  private final String runtime;

  public ImageCatalog(Optional<ImageStore> store, String runtime) {
    this.store = store;
    this.runtime = runtime;
  }

  /** One stored image: familiar name, manifest digest, image id (12 hex digits of the config digest), bytes. */
  public record Image(String name, String digest, String id, long size) {
    static Image of(ImageSummary image) {
      return new Image(image.name(), image.digest(), image.id(), image.size());
    }
  }

  public List<Image> list() {
    return store().listImages().stream().sorted(Comparator.comparing(ImageSummary::name)).map(Image::of).toList();
  }

  public Image pull(String name) {
    requireName(name);
    return Image.of(translated(() -> store().pullImage(name)));
  }

  public void remove(String name) {
    requireName(name);
    translated(() -> {
      store().remove(name);
      return null;
    });
  }

  private ImageStore store() {
    return store.orElseThrow(() -> new NodeException(ErrorCode.FAILED_PRECONDITION, "this node runs the "
        + runtime + " runtime, which keeps no images of its own; images are managed by the runc runtime"));
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "name is required: the image, e.g. busybox:latest");
    }
  }

  private static <T> T translated(Supplier<T> call) {
    try {
      return call.get();
    } catch (ImageContentException e) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, e.getMessage());
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }
}
