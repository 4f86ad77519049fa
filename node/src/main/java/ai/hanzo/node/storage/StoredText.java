package ai.hanzo.node.storage;

/** Checks shared by the records for strings that end up inside RocksDB keys. */
final class StoredText {
  private StoredText() {}

  /** Keys must be non-empty and free of NUL, which the key codec uses as a separator. */
  static String requireKey(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " must not contain a NUL character: " + value);
    }
    return value;
  }
}
