package ai.hanzo.node.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.rocksdb.RocksDB;

/** The column families of the node database; the set is part of the storage format. */
enum ColumnFamilyName {
  DEFAULT(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8)),
  DEPLOYMENTS("deployments"),
  /** Unused: containers live in their runtime's own state; kept because existing databases hold the family. */
  CONTAINERS("containers"),
  METRICS("metrics"),
  CONFIG("config"),
  IAM_ROLES("iam_roles"),
  IAM_BINDINGS("iam_bindings"),
  IAM_API_KEYS("iam_api_keys"),
  AUDIT("audit"),
  PEERS("peers"),
  EVENTS("events"),
  REGISTERED_NODES("registered_nodes"),
  /** Transactions this node signed for its operator, journaled before broadcast. */
  CHAIN_TXS("chain_txs"),
  /** Inference usage records (tokens per request), for accounting; written without fsync, see UsageLog. */
  USAGE("usage"),
  /** Compute usage: closed intervals per container and the open one of each running container; see ComputeUsageLog. */
  COMPUTE_USAGE("compute_usage");

  private final String label;

  ColumnFamilyName(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  byte[] bytes() {
    return label.getBytes(StandardCharsets.UTF_8);
  }

  static Optional<ColumnFamilyName> fromBytes(byte[] name) {
    return Arrays.stream(values()).filter(cf -> Arrays.equals(cf.bytes(), name)).findFirst();
  }
}
