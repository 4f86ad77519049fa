package ai.hanzo.node.chain;

/** Where GetHealth, the health check and the gauges read the chain's latest status from; never blocks. */
public interface ChainStatusSource {
  ChainStatus status();

  /** A head older than this is not synced. */
  java.time.Duration maxLag();
}
