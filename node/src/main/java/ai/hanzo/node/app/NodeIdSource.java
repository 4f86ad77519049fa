package ai.hanzo.node.app;

import ai.hanzo.node.storage.ConfigStore;
import java.util.UUID;

/**
 * The node id: the configured one, else the one generated on the first start and kept in the database, so it stays
 * the same across restarts.
 */
final class NodeIdSource {
  static final String KEY = "node.id";

  private NodeIdSource() {}

  static String resolve(String configured, ConfigStore store) {
    if (configured != null) {
      return configured;
    }
    return store.getOrCreate(KEY, () -> "hanzo-" + UUID.randomUUID().toString().substring(0, 13).replace("-", ""));
  }
}
