package ai.hanzo.node.compute;

import java.util.Optional;

/** The compute engine's faces, handed to the API together once the engine exists. */
public record ComputeEngine(DeploymentService deployments, ContainerService containers,
    SchedulingControl scheduling, ImageCatalog images) {

  /** The same engine with the node's image store in place of the one it had. */
  public ComputeEngine withImages(ImageCatalog catalog) {
    return new ComputeEngine(deployments, containers, scheduling, catalog);
  }

  static ImageCatalog noImages(String runtime) {
    return new ImageCatalog(Optional.empty(), runtime);
  }
}
