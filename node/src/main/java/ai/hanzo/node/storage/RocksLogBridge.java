package ai.hanzo.node.storage;

import org.rocksdb.InfoLogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RocksDB's own log to SLF4J, so the node has one log and RocksDB writes (and rotates) no
 * LOG files in the database directory.
 */
final class RocksLogBridge extends org.rocksdb.Logger {
  private static final Logger LOG = LoggerFactory.getLogger("ai.hanzo.node.storage.rocksdb");

  RocksLogBridge() {
    super(InfoLogLevel.WARN_LEVEL);
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    if (level == InfoLogLevel.WARN_LEVEL && message.contains("Tail prefetch size")) {
      // A read-ahead heuristic RocksDB notes (as a warning) when it first opens an SST, e.g. for the checksum pass
      LOG.debug(message);
      return;
    }
    switch (level) {
      case DEBUG_LEVEL -> LOG.debug(message);
      case INFO_LEVEL, HEADER_LEVEL -> LOG.info(message);
      case WARN_LEVEL -> LOG.warn(message);
      default -> LOG.error(message);
    }
  }
}
