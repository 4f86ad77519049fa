package ai.hanzo.node.app;

import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.storage.DataDirLock;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageErrorCode;
import ai.hanzo.node.storage.StorageException;
import ai.hanzo.node.storage.StorageOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first phase of a node's start, before any subsystem is built: takes the data directory's lock, opens the
 * database, checks that the identity key was not lost and settles the node id. So every subsystem is built over an
 * open database, and {@link #close()} closes the database and only then lets go of the lock, after every service
 * stopped.
 */
final class NodeStorage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeStorage.class);

  private final DataDirLock lock;
  private final NodeDatabase database;
  private final String nodeId;

  private NodeStorage(DataDirLock lock, NodeDatabase database, String nodeId) {
    this.lock = lock;
    this.database = database;
    this.nodeId = nodeId;
  }

  /**
   * Takes the data directory's lock: the first step of a start, before anything else touches the directory.
   *
   * @throws DataDirUnusableException when another node holds it
   */
  static DataDirLock lock(NodeConfig config) {
    try {
      return DataDirLock.acquire(config.dataDir());
    } catch (StorageException e) {
      throw new DataDirUnusableException(e.reason(), e);
    }
  }

  /**
   * Opens the database of the directory {@code lock} holds, which the storage then owns.
   *
   * @throws DataDirUnusableException when the database cannot be opened or the identity key is missing although a
   *     node ran there; the database and the lock are released again
   */
  static NodeStorage open(NodeConfig config, DataDirLock lock) {
    try {
      NodeDatabase database = openOrRefuse(StorageOptions.defaults(config.dataDir())
          .withMetricsRetention(config.storage().metricsRetention()));
      try {
        IdentityContinuity.check(config.dataDir(), database.config(), config.newIdentity());
        String nodeId = NodeIdSource.resolve(config.nodeId(), database.config());
        log.info("Node id {}", nodeId);
        return new NodeStorage(lock, database, nodeId);
      } catch (MissingIdentityException e) {
        database.close();
        throw new DataDirUnusableException(e.getMessage(), e);
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  NodeDatabase database() {
    return database;
  }

  String nodeId() {
    return nodeId;
  }

  /** The database first: the directory stays locked until RocksDB has synced and let go of its files. */
  @Override
  public void close() {
    try {
      database.close();
    } finally {
      lock.close();
      log.info("Released the data directory {}", lock.dataDir());
    }
  }

  @Override
  public String toString() {
    return "the node storage in " + lock.dataDir();
  }

  private static NodeDatabase openOrRefuse(StorageOptions options) {
    try {
      return NodeDatabase.open(options);
    } catch (StorageException e) {
      throw new DataDirUnusableException(e.code() == StorageErrorCode.CORRUPT
          ? "the node database in " + options.dbDir() + " is damaged (" + e.reason() + "); see the README's"
              + " 'Recovering from storage corruption'"
          : "cannot open the node database in " + options.dbDir() + ": " + e.reason(), e);
    }
  }
}
