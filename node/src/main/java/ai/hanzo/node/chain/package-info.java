/**
 * The node on an EVM chain: the chain settings come from {@link ai.hanzo.node.config.ChainConfig}; the
 * {@link ai.hanzo.node.chain.ChainFollower} checks at start that the RPC serves the configured chain id (and that the
 * operator registry has code), then polls the head on its own thread, once per poll interval, and keeps the latest
 * {@link ai.hanzo.node.chain.ChainStatus} for GetHealth, the {@code chain} health check and the Prometheus gauges.
 * JSON-RPC goes through web3j over the JDK's HTTP client ({@link ai.hanzo.node.chain.JdkHttpService}), every call,
 * body included, bounded by {@code --chain-rpc-timeout}; an answer the node cannot read (no JSON, wrong types, numbers
 * beyond their EVM types) is UNAVAILABLE like no answer ({@code ChainCalls}). The operator registry's compiled ABI and bytecode ({@code contracts/}, compiled by
 * {@code contracts/compile.mjs}) are resources of this package ({@link ai.hanzo.node.chain.RegistryArtifacts}).
 *
 * <p>The node as an operator: {@link ai.hanzo.node.chain.OperatorWallet} opens the operator's Web3 Secret Storage
 * keystore; {@link ai.hanzo.node.chain.OperatorService} registers this node (its PeerId bound by its libp2p key's
 * signature, through {@link ai.hanzo.node.chain.NodeKey}), changes stake and reads an operator's state; its
 * {@code TxSender} prices EIP-1559 transactions, keeps the nonces and journals every signed transaction in the node
 * database ({@code storage.ChainTxStore}) before broadcasting it, so that after {@code kill -9} the same bytes are
 * resumed, never a second transaction. Amounts are decimal wei strings ({@link ai.hanzo.node.chain.WeiAmounts}).
 *
 * <p>Reorgs: the follower's {@link ai.hanzo.node.chain.ReorgDetector} remembers the recent block hashes and reports
 * every {@link ai.hanzo.node.chain.ChainReorg} to its listeners (the composition root publishes an event and has the
 * operator service follow again the transactions final in blocks that left the chain). Stake on the network:
 * {@link ai.hanzo.node.chain.PeerStakes} reads a PeerId's binding and its operator's stake from the registry, cached
 * per PeerId ({@code StakeCache}) and refreshed every N blocks, on a thread of its own.
 * {@link ai.hanzo.node.chain.RegistryDeployer} deploys the registry to a development chain. Uses {@code config},
 * {@code metrics} and {@code storage} of the node (and the stable error codes of {@code error}).
 */
package ai.hanzo.node.chain;
