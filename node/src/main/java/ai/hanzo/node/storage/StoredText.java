package ai.hanzo.node.storage;

/** Checks shared by the records for strings that end up inside RocksDB keys. */
final class StoredText {
  private StoredText() {}

  /**
   * Refuses strings with unpaired surrogates: UTF-8 cannot represent them and Java would silently
   * store {@code ?} instead, so a value would come back different from what was put.
   */
  static String requireWellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "text has an unpaired UTF-16 surrogate at index " + i + " and cannot be stored");
      }
    }
    return value;
  }

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
