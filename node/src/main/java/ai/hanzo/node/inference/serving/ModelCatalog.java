package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.ModelPuller;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.models.UpstreamTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The models the node could serve: the store's records, looked up by a name that is checked first (so a name no
 * store could hold is NOT_FOUND, not an I/O error), and the verbs that change the store. Blocking (disk, network).
 */
final class ModelCatalog {
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
