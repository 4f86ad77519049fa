package ai.hanzo.node.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Records of one type stored under a string id. Writes to the same id are serialised through a
 * striped lock, which is what makes {@link #update} a compare-and-set.
 */
final class KeyedRecordStore<T> {
  private static final int STRIPES = 64;

  private final ColumnFamilyStore family;
  private final RecordCodec<T> codec;
  private final Function<T, String> idOf;
  private final Lock[] stripes = new Lock[STRIPES];

  KeyedRecordStore(ColumnFamilyStore family, RecordCodec<T> codec, Function<T, String> idOf) {
    this.family = family;
    this.codec = codec;
    this.idOf = idOf;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  void put(T record) {
    String id = idOf.apply(record);
    byte[] value = codec.encode(record);
    Lock lock = lockFor(id);
    lock.lock();
    try {
      family.put(keyOf(id), value);
    } finally {
      lock.unlock();
    }
  }

  Optional<T> get(String id) {
    byte[] key = keyOf(id);
    byte[] value = family.get(key);
    return value == null ? Optional.empty() : Optional.of(decode(key, value));
  }

  /** Every record in id order. */
  List<T> list() {
    return family.scan(new byte[0], null, Integer.MAX_VALUE, this::decode);
  }

  /** Deletes the record; returns whether there was one. */
  boolean delete(String id) {
    byte[] key = keyOf(id);
    Lock lock = lockFor(id);
    lock.lock();
    try {
      boolean existed = family.get(key) != null;
      family.delete(key);
      return existed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the record with {@code change} applied to it, if it exists. {@code change} runs
   * without locks and is re-run when a concurrent write got in between, so it must be free of side
   * effects.
   */
  Optional<T> update(String id, UnaryOperator<T> change) {
    byte[] key = keyOf(id);
    while (true) {
      byte[] before = family.get(key);
      if (before == null) {
        return Optional.empty();
      }
      T updated = change.apply(decode(key, before));
      if (updated == null || !id.equals(idOf.apply(updated))) {
        throw new IllegalArgumentException(
            "an update of '" + id + "' must return a record with the same id, got " + updated);
      }
      byte[] after = codec.encode(updated);
      Lock lock = lockFor(id);
      lock.lock();
      try {
        if (Arrays.equals(family.get(key), before)) {
          family.put(key, after);
          return Optional.of(updated);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private T decode(byte[] key, byte[] value) {
    return family.decode(key, value, codec::decode);
  }

  private static byte[] keyOf(String id) {
    return KeyCodec.text(StoredText.requireKey(id, "id"));
  }

  private Lock lockFor(String id) {
    return stripes[Math.floorMod(id.hashCode(), STRIPES)];
  }
}
