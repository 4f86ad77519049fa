package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ImageContentException;
import ai.hanzo.node.runtime.ImageStore;
import ai.hanzo.node.runtime.ImageSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog over the runtime's {@link ImageStore} SPI, with a store in memory instead of runc's. */
class ImageCatalogTest {
  /** Answers what it holds; a pull of {@code broken:*} fails as bad registry content would. */
  private static final class MemoryStore implements ImageStore {
    final List<ImageSummary> images = new ArrayList<>();

    @Override
    public List<ImageSummary> listImages() {
      return List.copyOf(images);
    }

    @Override
    public ImageSummary pullImage(String name) {
      if (name.startsWith("broken:")) {
        throw new ImageContentException("layer digest does not match");
      }
      ImageSummary pulled = new ImageSummary(name, "sha256:" + "a".repeat(64), "aaaaaaaaaaaa", 42);
      images.add(pulled);
      return pulled;
    }

    @Override
    public void remove(String name) {
      if (!images.removeIf(i -> i.name().equals(name))) {
        throw ContainerRuntimeException.notFound(name);
      }
    }
  }

  private final MemoryStore store = new MemoryStore();
  private final ImageCatalog catalog = new ImageCatalog(Optional.of(store), "runc");

  @Test
  void listsImagesSortedByName() {
    store.images.add(new ImageSummary("redis:7", "sha256:r", "rrrrrrrrrrrr", 2));
    store.images.add(new ImageSummary("busybox:latest", "sha256:b", "bbbbbbbbbbbb", 1));

    assertThat(catalog.list()).extracting(ImageCatalog.Image::name).containsExactly("busybox:latest", "redis:7");
    assertThat(catalog.list().get(0)).isEqualTo(new ImageCatalog.Image("busybox:latest", "sha256:b",
        "bbbbbbbbbbbb", 1));
  }

  @Test
  void aPullAnswersTheStoredImage() {
    assertThat(catalog.pull("alpine:3")).isEqualTo(new ImageCatalog.Image("alpine:3", "sha256:" + "a".repeat(64),
        "aaaaaaaaaaaa", 42));
  }

  @Test
  void badImageContentIsAFailedPreconditionNotABadRequest() {
    assertThatThrownBy(() -> catalog.pull("broken:1")).isInstanceOf(NodeException.class)
        .hasMessageContaining("layer digest does not match")
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
  }

  @Test
  void removingAnUnknownImageIsNotFound() {
    assertThatThrownBy(() -> catalog.remove("nope:1")).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aRuntimeWithoutAnImageStoreSaysSo() {
    ImageCatalog none = new ImageCatalog(Optional.empty(), "docker");

    assertThatThrownBy(none::list).isInstanceOf(NodeException.class)
        .hasMessageContaining("docker runtime, which keeps no images")
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
  }

  @Test
  void aNameIsRequired() {
    assertThatThrownBy(() -> catalog.pull(" ")).isInstanceOf(NodeException.class)
        .extracting(e -> ((NodeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
