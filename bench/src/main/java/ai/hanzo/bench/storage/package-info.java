/**
 * RocksDB benchmarks (JMH): deployment writes with and without fsync, metrics ingest and metrics range queries.
 */
package ai.hanzo.bench.storage;
