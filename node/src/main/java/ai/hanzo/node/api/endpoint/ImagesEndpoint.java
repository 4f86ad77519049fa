package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ImageInfo;
import ai.hanzo.node.api.v1.ListImagesResponse;
import ai.hanzo.node.api.v1.PullImageRequest;
import ai.hanzo.node.api.v1.RemoveImageRequest;
import ai.hanzo.node.api.v1.RemoveImageResponse;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.compute.ImageCatalog;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.Optional;

/** ListImages, PullImage and RemoveImage over the running node's image store; UNIMPLEMENTED without an engine. */
public final class ImagesEndpoint {
  private final Optional<ComputeEngine> engine;

  public ImagesEndpoint(Optional<ComputeEngine> engine) {
    this.engine = engine;
  }

  public ListImagesResponse list() {
    return ListImagesResponse.newBuilder().addAllImages(catalog().list().stream().map(ImagesEndpoint::info)
        .toList()).build();
  }

  public ImageInfo pull(PullImageRequest request) {
    return info(catalog().pull(request.getName()));
  }

  public RemoveImageResponse remove(RemoveImageRequest request) {
    catalog().remove(request.getName());
    return RemoveImageResponse.newBuilder().setName(request.getName()).build();
  }

  private ImageCatalog catalog() {
    return engine.map(ComputeEngine::images).orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node runs no compute engine, so it has no images"));
  }

  private static ImageInfo info(ImageCatalog.Image image) {
    return ImageInfo.newBuilder().setName(image.name()).setDigest(image.digest()).setId(image.id())
        .setSizeBytes(image.size()).build();
  }
}
