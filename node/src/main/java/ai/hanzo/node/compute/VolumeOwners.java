package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Named volumes outlive a deployment removed without its volumes, under the deployment's id, so that the same
 * deployment can be created again with its data. They must not go to another organisation that later deploys
 * under that id: the volumes directory of each deployment records its owner in {@link #MARKER} ({@code ""}: no
 * org), and a new deployment under an id whose volumes belong to another org is refused like a taken id. Volumes
 * left from before owners were recorded are of unknown owner: only a caller who sees all may take them.
 */
final class VolumeOwners {
  /** Volume names start with a letter or digit, so this never is one. */
  static final String MARKER = ".owner";

  private final Function<String, Path> volumesOf;

  VolumeOwners(Function<String, Path> volumesOf) {
    this.volumesOf = volumesOf;
  }

  /**
   * Records {@code owner} for the volumes of the new deployment {@code deploymentId}, unless volumes left there
   * belong to someone {@code tenant} may not act for. Called under the lock that serializes deployment changes.
   *
   * @throws NodeException ALREADY_EXISTS as {@link Ownership#claim} does for a taken id
   */
  void claim(Tenant tenant, String deploymentId, String owner) {
    Path dir = volumesOf.apply(deploymentId);
    Path marker = dir.resolve(MARKER);
    try {
      if (!tenant.seesAll() && Files.isDirectory(dir)) {
        String recorded = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8) : null;
        if (recorded == null || !Objects.equals(recorded.isEmpty() ? null : recorded, owner)) {
          throw new NodeException(ErrorCode.ALREADY_EXISTS, "deployment id '" + deploymentId
              + "' is taken; choose another id");
        }
      }
      Files.createDirectories(dir);
      Files.writeString(marker, owner == null ? "" : owner, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NodeException(ErrorCode.INTERNAL, "could not record the owner of the volumes in " + dir + ": "
          + e.getMessage());
    }
  }
}
