package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.storage.ConfigStore;
import java.util.LinkedHashSet;
import java.util.Set;

/** An ordered set of ids kept as one config-store value, one id a line: the index of a keyed family of entries. */
final class StoredIds {
  private StoredIds() {}

  static Set<String> read(ConfigStore store, String key) {
    Set<String> ids = new LinkedHashSet<>();
    store.get(key).ifPresent(v -> {
      for (String id : v.split("\n")) {
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
    });
    return ids;
  }

  static void write(ConfigStore store, String key, Set<String> ids) {
    store.put(key, String.join("\n", ids));
  }
}
