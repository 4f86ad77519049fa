package ai.hanzo.node.chain;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;

/**
 * The chain as Prometheus gauges: {@code hanzo_chain_head_block}, {@code hanzo_chain_head_lag_seconds} (how old the
 * head's timestamp is), {@code hanzo_chain_synced} (1 or 0), {@code hanzo_chain_reorgs_total} and
 * {@code hanzo_chain_reorg_last_depth}. The head gauges are NaN until a head was seen.
 */
public final class ChainMeterBinder implements MeterBinder {
  private final ChainStatusSource chain;
  private final Clock clock;

  public ChainMeterBinder(ChainStatusSource chain, Clock clock) {
    this.chain = chain;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("hanzo.chain.head.block", chain,
            c -> c.status().head().map(h -> (double) h.number()).orElse(Double.NaN))
        .description("Number of the latest block the chain RPC reported").register(registry);
    Gauge.builder("hanzo.chain.head.lag", chain,
            c -> c.status().lag(clock.instant()).map(l -> l.toMillis() / 1000.0).orElse(Double.NaN))
        .baseUnit("seconds").description("How far the latest block's timestamp is behind this node's clock")
        .register(registry);
    Gauge.builder("hanzo.chain.synced", chain, c -> c.status().synced(clock.instant(), c.maxLag()) ? 1 : 0)
        .description("1 while the chain RPC answers and its head is younger than --chain-max-lag")
        .register(registry);
    FunctionCounter.builder("hanzo.chain.reorgs", chain, ChainStatusSource::reorgCount)
        .description("Reorgs noticed: remembered blocks that left the chain").register(registry);
    Gauge.builder("hanzo.chain.reorg.last.depth", chain,
            c -> c.lastReorg().map(r -> (double) r.depth()).orElse(0.0))
        .description("Depth of the latest reorg noticed (0: none yet)").register(registry);
  }
}
