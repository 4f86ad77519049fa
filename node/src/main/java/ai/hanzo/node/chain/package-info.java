/**
 * The node on an EVM chain: the chain settings come from {@link ai.hanzo.node.config.ChainConfig}; the
 * {@link ai.hanzo.node.chain.ChainFollower} checks at start that the RPC serves the configured chain id (and that the
 * operator registry has code), then polls the head on its own thread, once per poll interval, and keeps the latest
 * {@link ai.hanzo.node.chain.ChainStatus} for GetHealth, the {@code chain} health check and the Prometheus gauges.
 * JSON-RPC goes through web3j over the JDK's HTTP client ({@link ai.hanzo.node.chain.JdkHttpService}), every call
 * bounded by a timeout. The operator registry's compiled ABI and bytecode ({@code contracts/}, compiled by
 * {@code contracts/compile.mjs}) are resources of this package ({@link ai.hanzo.node.chain.RegistryArtifacts}).
 * Uses only {@code config} and {@code metrics} of the node.
 */
package ai.hanzo.node.chain;
