package ai.hanzo.node.storage;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDBException;

/**
 * Keeps calls and {@code close()} apart: RocksJava crashes the JVM when a closed handle is used, so
 * every call runs under a shared lock and closing takes it exclusively, once.
 */
final class DatabaseGuard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String description;
  private final StorageHealth health;
  private boolean closed;

  DatabaseGuard(String description, StorageHealth health) {
    this.description = description;
    this.health = health;
  }

  /** A write: its success tells the health that writes work again (after a full disk, say). */
  <T> T write(String what, RocksCall<T> call) {
    T result = run(what, call);
    health.wrote();
    return result;
  }

  <T> T run(String what, RocksCall<T> call) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new StorageException(
            StorageErrorCode.CLOSED, what + " failed: " + description + " is closed");
      }
      return call.call();
    } catch (RocksDBException e) {
      StorageException failure = RocksErrors.translate(what + " in " + description, e);
      health.failed(failure);
      throw failure;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs {@code closer} the first time only, after in-flight calls finished. */
  void close(Runnable closer) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closer.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
