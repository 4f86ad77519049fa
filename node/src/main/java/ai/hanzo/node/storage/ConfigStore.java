package ai.hanzo.node.storage;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Small string settings the node keeps across restarts, such as its node id. Keys starting with
 * {@code hanzo.storage.} are reserved for the storage format itself.
 */
public final class ConfigStore {
  private final ColumnFamilyStore family;

  ConfigStore(ColumnFamilyStore family) {
    this.family = family;
  }

  public Optional<String> get(String key) {
    byte[] rawKey = keyOf(key);
    byte[] value = family.get(rawKey);
    return value == null
        ? Optional.empty()
        : Optional.of(family.decode(rawKey, () -> KeyCodec.textOf(value)));
  }

  public void put(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException("config value of '" + key + "' must not be null");
    }
    family.put(keyOf(key), KeyCodec.text(value));
  }

  public void delete(String key) {
    family.delete(keyOf(key));
  }

  /**
   * The stored value, or {@code initial}'s value after storing it. Meant for values created once,
   * like the node id; concurrent first calls for one key must be avoided by the caller.
   */
  public String getOrCreate(String key, Supplier<String> initial) {
    Optional<String> existing = get(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    String created = initial.get();
    put(key, created);
    return created;
  }

  private static byte[] keyOf(String key) {
    StoredText.requireKey(key, "config key");
    if (key.startsWith(DatabaseFormat.RESERVED_PREFIX)) {
      throw new IllegalArgumentException(
          "config key '" + key + "' is reserved: keys starting with '"
              + DatabaseFormat.RESERVED_PREFIX + "' belong to the storage format");
    }
    return KeyCodec.text(key);
  }
}
