package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unpacks an image's layers, lowest first, into {@code <images>/rootfs/<config hex>/rootfs}. Each layer's
 * uncompressed digest must match the config's diff_id. The tree is built in a private staging directory and renamed
 * into place, so a rootfs that exists is complete, and two builders of one image never share a half-built tree.
 */
final class RootfsBuilder {
  private final Path dir;
  private final BlobStore blobs;
  private final Map<Digest, Object> building = new ConcurrentHashMap<>();

  RootfsBuilder(Path imagesRoot, BlobStore blobs) {
    this.dir = imagesRoot.resolve("rootfs");
    this.blobs = blobs;
  }

  Path rootfs(Digest config) {
    return dir.resolve(config.hex()).resolve("rootfs");
  }

  /** Builds the rootfs of the image whose config is {@code config} unless it exists. */
  Path build(Digest config, ImageConfig parsed, List<Descriptor> layers) {
    Path target = rootfs(config);
    if (Files.isDirectory(target)) {
      return target;
    }
    synchronized (building.computeIfAbsent(config, d -> new Object())) {
      if (Files.isDirectory(target)) {
        return target;
      }
      if (!parsed.diffIds().isEmpty() && parsed.diffIds().size() != layers.size()) {
        throw new ImageFormatException("image config lists " + parsed.diffIds().size() + " diff_ids for "
            + layers.size() + " layers");
      }
      Path staging = dir.resolve(config.hex() + ".building");
      try {
        ContainerDirectories.deleteTree(staging);
        Files.createDirectories(staging.resolve("rootfs"));
        for (int i = 0; i < layers.size(); i++) {
          Descriptor layer = layers.get(i);
          Digest diffId = new LayerUnpacker(staging.resolve("rootfs")).apply(blobs.find(layer.digest()).orElseThrow(() -> new ImageFormatException(
              "layer " + layer.digest() + " is missing from the blob store")));
          if (!parsed.diffIds().isEmpty() && !parsed.diffIds().get(i).equals(diffId)) {
            throw new ImageFormatException("layer " + layer.digest() + " unpacks to " + diffId + " but the image "
                + "config promises " + parsed.diffIds().get(i));
          }
        }
        commit(staging, target.getParent());
        return target;
      } catch (IOException e) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot unpack image " + config + ": "
            + e.getMessage(), e);
      } finally {
        ContainerDirectories.deleteTree(staging);
        building.remove(config);
      }
    }
  }

  /** Records that {@code holder} (a container id) uses the rootfs of {@code config}; false if it is gone. */
  boolean hold(Digest config, String holder) throws IOException {
    Path holders = dir.resolve(config.hex()).resolve("holders");
    if (!Files.isDirectory(rootfs(config))) {
      return false;
    }
    Files.createDirectories(holders);
    Files.writeString(holders.resolve(holder), "");
    return true;
  }

  /** Drops {@code holder} from every rootfs it held. */
  void letGo(String holder) throws IOException {
    for (Digest config : built()) {
      Files.deleteIfExists(dir.resolve(config.hex()).resolve("holders").resolve(holder));
    }
  }

  /** Whether a container still uses the rootfs (an overlay mount has it as lower dir). */
  boolean held(Digest config) throws IOException {
    Path holders = dir.resolve(config.hex()).resolve("holders");
    if (!Files.isDirectory(holders)) {
      return false;
    }
    try (var entries = Files.list(holders)) {
      return entries.findAny().isPresent();
    }
  }

  void delete(Digest config) {
    ContainerDirectories.deleteTree(dir.resolve(config.hex()));
  }

  List<Digest> built() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("[a-f0-9]{64}"))
          .map(Digest::new).toList();
    }
  }

  private static void commit(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!Files.isDirectory(target)) {
        throw e;
      }
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // built by another process meanwhile; ours is discarded
    }
  }
}
