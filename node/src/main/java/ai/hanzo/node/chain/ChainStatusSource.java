package ai.hanzo.node.chain;

import java.util.Optional;

/** Where GetHealth, the health check and the gauges read the chain's latest status from; never blocks. */
public interface ChainStatusSource {
  ChainStatus status();

  /** A head older than this is not synced. */
  java.time.Duration maxLag();

  /** Reorgs noticed since start. */
  default long reorgCount() {
    return 0;
  }

  /** The latest reorg noticed, if any. */
  default Optional<ChainReorg> lastReorg() {
    return Optional.empty();
  }

  /** The latest reorg deeper than {@link #confirmations()}, if any. */
  default Optional<ChainReorg> lastDeepReorg() {
    return Optional.empty();
  }

  /** Blocks on top of a block before the node treats it as final. */
  default int confirmations() {
    return 0;
  }
}
