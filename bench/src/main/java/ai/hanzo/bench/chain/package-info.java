/**
 * The node on its chain: what a peer's stake check costs on the gossip path with the cache warm
 * ({@link ai.hanzo.bench.chain.StakeCheckBenchmark}); the RPC calls of an idle node following anvil are counted by
 * {@code bench/scripts/chain-idle-rpc.sh}.
 */
package ai.hanzo.bench.chain;
