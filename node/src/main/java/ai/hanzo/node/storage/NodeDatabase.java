package ai.hanzo.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one RocksDB database in {@code <dataDir>/db}: checks the format at open, owns the
 * native handle, exposes the typed stores and runs retention in the background.
 *
 * <p>The data-directory {@link DataDirLock} is separate so the composition root can take it before
 * anything else touches the directory; RocksDB's own lock still refuses a second open of the same
 * database with {@link StorageErrorCode#LOCKED}.
 */
public final class NodeDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDatabase.class);
  private static final long SCHEDULER_STOP_SECONDS = 10;

  private final StorageOptions options;
  private final RocksHandle handle;
  private final DatabaseGuard guard;
  private final StorageHealth health;
  private final DeploymentStore deployments;
  private final ConfigStore config;
  private final MetricsHistory metrics;
  private final EventStore events;
  private final AuditLog audit;
  private final UsageLog usage;
  private final ComputeUsageLog computeUsage;
  private final QosStore qos;
  private final PeerRecordStore peers;
  private final ApiKeyStore apiKeys;
  private final RoleStore roles;
  private final RegisteredNodeRecordStore registeredNodes;
  private final ChainTxStore chainTxs;
  private final RetentionJob retention;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private ScheduledFuture<?> retentionTask;

  private NodeDatabase(
      StorageOptions options, RocksHandle handle, ScheduledExecutorService scheduler) {
    this.options = options;
    this.handle = handle;
    this.health = new StorageHealth(options.clock());
    this.guard = new DatabaseGuard("the node database in " + options.dbDir(), health);
    this.deployments = new DeploymentStore(durable(ColumnFamilyName.DEPLOYMENTS));
    this.config = new ConfigStore(durable(ColumnFamilyName.CONFIG));
    this.metrics = new MetricsHistory(handle.store(ColumnFamilyName.METRICS, false, guard));
    this.events = new EventStore(handle.store(ColumnFamilyName.EVENTS, false, guard));
    this.audit = new AuditLog(durable(ColumnFamilyName.AUDIT));
    this.usage = new UsageLog(handle.store(ColumnFamilyName.USAGE, false, guard));
    this.computeUsage = new ComputeUsageLog(handle.store(ColumnFamilyName.COMPUTE_USAGE, false, guard));
    this.peers = new PeerRecordStore(durable(ColumnFamilyName.PEERS));
    this.qos = new QosStore(durable(ColumnFamilyName.QOS));
    this.apiKeys = new ApiKeyStore(durable(ColumnFamilyName.IAM_API_KEYS));
    this.roles =
        new RoleStore(durable(ColumnFamilyName.IAM_ROLES), durable(ColumnFamilyName.IAM_BINDINGS));
    this.registeredNodes = new RegisteredNodeRecordStore(durable(ColumnFamilyName.REGISTERED_NODES));
    this.chainTxs = new ChainTxStore(durable(ColumnFamilyName.CHAIN_TXS));
    this.retention = new RetentionJob(options, metrics, events, audit, usage, computeUsage, qos);
    this.ownsScheduler = scheduler == null;
    this.scheduler = ownsScheduler ? newRetentionScheduler() : scheduler;
  }

  /** Opens the database with a daemon thread of its own for retention. */
  public static NodeDatabase open(StorageOptions options) {
    return open(options, null);
  }

  /**
   * Opens (or creates) the database, refusing directories that are not a readable hanzo-node
   * database without modifying them.
   *
   * @param scheduler runs the retention job; {@code null} to use a thread of the database's own.
   *     A given scheduler is not shut down by {@link #close()}.
   */
  public static NodeDatabase open(StorageOptions options, ScheduledExecutorService scheduler) {
    Path dbDir = options.dbDir();
    boolean needsMarker = DatabaseFormat.inspect(dbDir);
    RocksHandle handle = openHandle(options);
    NodeDatabase database;
    try {
      database = new NodeDatabase(options, handle, scheduler);
    } catch (RuntimeException e) {
      closeAfterFailedOpen(handle, e);
      throw e;
    }
    try {
      if (needsMarker) {
        DatabaseFormat.mark(database.durable(ColumnFamilyName.CONFIG));
      }
      database.startRetention();
      database.scheduler.execute(database::verifyChecksums);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    LOG.info("opened the node database in {}", dbDir);
    return database;
  }

  public StorageOptions options() {
    return options;
  }

  public DeploymentStore deployments() {
    return deployments;
  }

  public ConfigStore config() {
    return config;
  }

  public MetricsHistory metrics() {
    return metrics;
  }

  public EventStore events() {
    return events;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Providers' quality-of-service scores and bans, and the challenges this node ran. */
  public QosStore qos() {
    return qos;
  }

  /** Inference usage records (written without fsync, see {@link UsageLog}). */
  public UsageLog usage() {
    return usage;
  }

  /** Compute usage of this node's containers (written without fsync, like {@link #usage()}). */
  public ComputeUsageLog computeUsage() {
    return computeUsage;
  }

  public PeerRecordStore peers() {
    return peers;
  }

  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  public RoleStore roles() {
    return roles;
  }

  public RegisteredNodeRecordStore registeredNodes() {
    return registeredNodes;
  }

  /** The journal of the transactions this node sent on chain. */
  public ChainTxStore chainTxs() {
    return chainTxs;
  }

  /** What the last calls say about the database (a full disk, corruption), for the node's health. */
  public StorageHealth health() {
    return health;
  }

  /**
   * Reads every SST file once, off the caller's thread, after opening: a damaged block is otherwise found only by
   * the read that needs it, and the node would look healthy until then. The result lands in {@link #health()}.
   */
  void verifyChecksums() {
    try {
      guard.run("verifying the checksums", () -> {
        handle.verifyChecksums();
        return null;
      });
    } catch (StorageException e) {
      if (e.code() == StorageErrorCode.CORRUPT) {
        LOG.error("the node database in {} is damaged: {}; see the README's 'Recovering from storage corruption'",
            options.dbDir(), e.getMessage());
      } else {
        LOG.warn("could not verify the node database's checksums: {}", e.getMessage());
      }
    }
  }

  /** The retention job, to run it on demand. */
  public RetentionJob retention() {
    return retention;
  }

  /**
   * Stops retention, waits for in-flight calls, syncs the WAL and closes RocksDB. Safe to call
   * more than once; calls after it fail with {@link StorageErrorCode#CLOSED}.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (retentionTask != null) {
        retentionTask.cancel(false);
      }
    }
    if (ownsScheduler) {
      stopOwnScheduler();
    }
    guard.close(this::closeHandle);
  }

  private ColumnFamilyStore durable(ColumnFamilyName name) {
    return handle.store(name, true, guard);
  }

  private synchronized void startRetention() {
    long periodMillis = options.retentionInterval().toMillis();
    retentionTask =
        scheduler.scheduleWithFixedDelay(
            retention::runScheduled, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void closeHandle() {
    try {
      handle.close();
      LOG.info("closed the node database in {}", options.dbDir());
    } catch (RocksDBException e) {
      throw RocksErrors.translate("closing the node database in " + options.dbDir(), e);
    }
  }

  private void stopOwnScheduler() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(SCHEDULER_STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("the retention job did not stop within {} s", SCHEDULER_STOP_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RocksHandle openHandle(StorageOptions options) {
    Path dbDir = options.dbDir();
    try {
      Files.createDirectories(dbDir);
      return RocksHandle.open(dbDir, options.syncWrites());
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.IO, "cannot create " + dbDir + ": " + e, e);
    } catch (RocksDBException e) {
      throw RocksErrors.translate("opening the node database in " + dbDir, e);
    }
  }

  private static void closeAfterFailedOpen(RocksHandle handle, RuntimeException failure) {
    try {
      handle.close();
    } catch (RocksDBException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static ScheduledExecutorService newRetentionScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "hanzo-storage-retention");
          thread.setDaemon(true);
          return thread;
        });
  }
}
