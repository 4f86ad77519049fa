/**
 * The node's one RocksDB database in {@code <data-dir>/db} and the data-directory lock: typed stores (deployments,
 * config, metrics history, events, audit log, inference and compute usage, API keys, roles, peers, registered
 * nodes, the chain transaction journal) over column families,
 * versioned record codecs, the format check at open and the retention job. Writes a client was told succeeded are
 * synced. Depends on no other node package.
 */
package ai.hanzo.node.storage;
