/**
 * libp2p benchmarks: perf throughput and connection setup Java and js-libp2p side by side (the js side is the
 * repository's {@code interop/js-peer}), gossip propagation latency, DHT lookups, memory per stream and connection,
 * and the idle cost of a peer.
 */
package ai.hanzo.bench.libp2p;
