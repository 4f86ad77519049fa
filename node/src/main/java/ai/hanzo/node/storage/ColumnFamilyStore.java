package ai.hanzo.node.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The raw byte-level access to one column family that the typed stores are built on: it runs every
 * call under the {@link DatabaseGuard}, writes with this family's durability, and turns decoding
 * failures into {@link StorageException}s that name the family and the key.
 */
final class ColumnFamilyStore {
  /** Maps one entry while scanning; returning {@code null} skips the entry. */
  @FunctionalInterface
  interface EntryMapper<T> {
    T map(byte[] key, byte[] value);
  }

  private final RocksDB db;
  private final ColumnFamilyHandle handle;
  private final ColumnFamilyName name;
  private final WriteOptions writeOptions;
  private final DatabaseGuard guard;

  ColumnFamilyStore(
      RocksDB db,
      ColumnFamilyHandle handle,
      ColumnFamilyName name,
      WriteOptions writeOptions,
      DatabaseGuard guard) {
    this.db = db;
    this.handle = handle;
    this.name = name;
    this.writeOptions = writeOptions;
    this.guard = guard;
  }

  byte[] get(byte[] key) {
    return guard.run(describe("reading", key), () -> db.get(handle, key));
  }

  void put(byte[] key, byte[] value) {
    guard.write(
        describe("writing", key),
        () -> {
          db.put(handle, writeOptions, key, value);
          return null;
        });
  }

  void delete(byte[] key) {
    guard.write(
        describe("deleting", key),
        () -> {
          db.delete(handle, writeOptions, key);
          return null;
        });
  }

  /** Deletes every key in {@code [from, to)} with one range tombstone. */
  void deleteRange(byte[] from, byte[] to) {
    guard.write(
        "deleting a key range of " + name.label(),
        () -> {
          db.deleteRange(handle, writeOptions, from, to);
          return null;
        });
  }

  /** Applies the writes that {@code fill} adds to one batch atomically. */
  void write(String what, Consumer<WriteBatchTarget> fill) {
    guard.write(
        what + " in " + name.label(),
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            fill.accept(new WriteBatchTarget(batch, handle));
            db.write(writeOptions, batch);
          }
          return null;
        });
  }

  /** Entries with keys in {@code [from, to)} in key order, at most {@code limit} mapped ones. */
  <T> List<T> scan(byte[] from, byte[] to, int limit, EntryMapper<T> mapper) {
    return withIterator(
        "scanning " + name.label(),
        iterator -> {
          List<T> result = new ArrayList<>();
          for (iterator.seek(from);
              iterator.isValid() && result.size() < limit;
              iterator.next()) {
            byte[] key = iterator.key();
            if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
              break;
            }
            T mapped = mapper.map(key, iterator.value());
            if (mapped != null) {
              result.add(mapped);
            }
          }
          return result;
        });
  }

  /** Runs {@code work} with a fresh iterator; iterator errors surface as StorageException. */
  <T> T withIterator(String what, Function<RocksIterator, T> work) {
    return guard.run(
        what,
        () -> {
          try (ReadOptions options = new ReadOptions();
              RocksIterator iterator = db.newIterator(handle, options)) {
            T result = work.apply(iterator);
            iterator.status();
            return result;
          }
        });
  }

  /** Runs a decoder over the entry at {@code key}, naming the family and key if it fails. */
  <T> T decode(byte[] key, Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (MalformedRecordException e) {
      StorageErrorCode code =
          e.newerVersion() ? StorageErrorCode.FORMAT_TOO_NEW : StorageErrorCode.CORRUPT;
      throw new StorageException(code, describe("decoding", key) + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException(
          StorageErrorCode.CORRUPT, describe("decoding", key) + ": " + e.getMessage(), e);
    }
  }

  <T> T decode(byte[] key, byte[] value, Function<byte[], T> decoder) {
    return decode(key, () -> decoder.apply(value));
  }

  private String describe(String action, byte[] key) {
    return action + " key " + KeyCodec.describe(key) + " of column family '" + name.label() + "'";
  }
}
