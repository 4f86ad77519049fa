package ai.hanzo.node.storage;

import org.rocksdb.InfoLogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RocksDB's own log to SLF4J. Besides keeping one log for the node, it stops RocksDB from
 * creating (and rotating) a LOG file, so a read-only probe leaves the directory untouched.
 */
final class RocksLogBridge extends org.rocksdb.Logger {
  private static final Logger LOG = LoggerFactory.getLogger("ai.hanzo.node.storage.rocksdb");

  RocksLogBridge() {
    super(InfoLogLevel.WARN_LEVEL);
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    switch (level) {
      case DEBUG_LEVEL -> LOG.debug(message);
      case INFO_LEVEL, HEADER_LEVEL -> LOG.info(message);
      case WARN_LEVEL -> LOG.warn(message);
      default -> LOG.error(message);
    }
  }
}
