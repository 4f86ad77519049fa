package ai.hanzo.node.chain;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/**
 * This node's own stake as the registry sees it, {@code hanzo_operator_stake_wei} (the stake of the operator its
 * PeerId is bound to: 0 while unbound, NaN until first read), {@code hanzo_operator_staked} (1 or 0), and
 * {@code hanzo_chain_stake_reads_total} (registry reads of peers' stakes). A scrape never waits for the chain: it
 * shows the cached answer and asks for a fresh one in the background.
 */
public final class StakeMeterBinder implements MeterBinder {
  private final PeerStakes stakes;
  private final Supplier<String> selfPeerId;

  /** @param selfPeerId this node's PeerId, null before the p2p host started */
  public StakeMeterBinder(PeerStakes stakes, Supplier<String> selfPeerId) {
    this.stakes = stakes;
    this.selfPeerId = selfPeerId;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // The gauges hold their state object weakly: the long-lived PeerStakes, never this binder.
    Gauge.builder("hanzo.operator.stake", stakes,
            s -> own().map(o -> o.stakeWei().doubleValue()).orElse(Double.NaN))
        .baseUnit("wei").description("Stake of the operator this node's PeerId is bound to in the registry")
        .register(registry);
    Gauge.builder("hanzo.operator.staked", stakes,
            s -> own().map(o -> o.staked() ? 1.0 : 0.0).orElse(Double.NaN))
        .description("1 while this node's PeerId is bound to an operator with at least the minimum stake")
        .register(registry);
    FunctionCounter.builder("hanzo.chain.stake.reads", stakes, PeerStakes::reads)
        .description("Reads of a peer's binding and stake from the registry (cache misses)").register(registry);
  }

  private java.util.Optional<PeerStake> own() {
    String self = selfPeerId.get();
    if (self == null) {
      return java.util.Optional.empty();
    }
    stakes.lookup(self);
    return stakes.cached(self).filter(PeerStake::answered);
  }
}
