package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.GgufFormatException;
import ai.hanzo.node.models.ModelInfo;
import ai.hanzo.node.models.ModelPuller;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.models.UpstreamTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the node could serve: the store's records, looked up by a name that is checked first (so a name no
 * store could hold is NOT_FOUND, not an I/O error), and the verbs that change the store. Blocking (disk, network).
 */
final class ModelCatalog {
  /** Disk left free when a model file is copied in, for the node's own database and logs. */
  static final long RESERVE_BYTES = 256L << 20;

  private final ModelStore store;
  private final ModelPuller puller;

  ModelCatalog(ModelStore store, ModelPuller puller) {
    this.store = store;
    this.puller = puller;
  }

  ModelStore store() {
    return store;
  }

  List<ModelRecord> available() {
    try {
      return store.list();
    } catch (IOException e) {
      throw new UncheckedIOException("the model store could not be read", e);
    }
  }

  /** The store's record of {@code name}, or NOT_FOUND naming it. */
  ModelRecord record(String name) {
    try {
      if (name == null || name.length() > ModelStore.MAX_NAME_LENGTH || !isValidName(name)) {
        throw NodeException.notFound("model", clip(String.valueOf(name)));
      }
      return store.find(name).orElseThrow(() -> NodeException.notFound("model", name));
    } catch (IOException e) {
      throw new UncheckedIOException("the model store could not be read", e);
    }
  }

  ModelRecord pull(String reference, Optional<String> name) {
    return puller.pull(reference, name);
  }

  /**
   * Copies the GGUF file {@code source} of this machine into the store. Checked before a byte is copied: a regular
   * file, a GGUF header that reads (so a wrong file is refused at once, whatever its size), and room for it on the
   * store's disk; the copy's header is checked again before it is listed.
   */
  ModelRecord addFile(Path source, Optional<String> name) {
    try {
      if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
        throw NodeException.invalidField("path", source + " is not a file the node can read");
      }
      String stored = name.orElseGet(() -> ModelStore.nameFrom(source));
      ModelStore.validName(stored);
      try {
        ModelInfo.inspect(source);
      } catch (GgufFormatException e) {
        throw NodeException.invalidField("path", source + " is not a GGUF model: " + e.getMessage());
      }
      long size = Files.size(source);
      Path dir = store.directory();
      Files.createDirectories(dir);
      long free = Files.getFileStore(dir).getUsableSpace();
      if (size > free - RESERVE_BYTES) {
        throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "the model store's disk has " + (free >> 20)
            + " MiB free; " + source + " takes " + (size >> 20) + " MiB and " + (RESERVE_BYTES >> 20)
            + " MiB are kept free", Map.of("reason", "disk_full"));
      }
      return store.add(source, stored);
    } catch (IOException e) {
      throw new UncheckedIOException("model " + source + " could not be stored", e);
    }
  }

  ModelRecord addUpstream(String name, UpstreamTarget target) {
    try {
      return store.addUpstream(name, target);
    } catch (IOException e) {
      throw new UncheckedIOException("model " + name + " could not be added to the store", e);
    }
  }

  void delete(String name) {
    try {
      store.remove(name);
    } catch (IOException e) {
      throw new UncheckedIOException("model " + name + " could not be removed from the store", e);
    }
  }

  private static boolean isValidName(String name) {
    try {
      ModelStore.validName(name);
      return true;
    } catch (NodeException e) {
      return false;
    }
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
