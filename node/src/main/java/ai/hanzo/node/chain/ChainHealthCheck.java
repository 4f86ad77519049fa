package ai.hanzo.node.chain;

import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code chain} check: DEGRADED while the RPC does not answer or its head is older than the maximum lag (the
 * node keeps serving, but what it knows of the chain is stale), and for {@link #REORG_REPORTED_FOR} after a reorg
 * deeper than the confirmations (blocks the node treated as final changed); UNHEALTHY while the RPC serves another
 * chain. Reads the follower's last status only, so it never waits for the RPC.
 */
public final class ChainHealthCheck implements HealthCheck {
  /** How long a deep reorg keeps the check DEGRADED: long enough for a scrape or an operator to notice. */
  public static final Duration REORG_REPORTED_FOR = Duration.ofMinutes(10);

  private final ChainStatusSource chain;
  private final Clock clock;

  public ChainHealthCheck(ChainStatusSource chain, Clock clock) {
    this.chain = chain;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "chain";
  }

  @Override
  public Result check() {
    ChainStatus s = chain.status();
    if (s.wrongChain()) {
      return new Result(HealthLevel.UNHEALTHY, s.problem().orElse("the RPC serves another chain"));
    }
    if (!s.reachable()) {
      return new Result(HealthLevel.DEGRADED, "the chain RPC does not answer: " + s.problem().orElse("no answer"));
    }
    Instant now = clock.instant();
    var deep = chain.lastDeepReorg().filter(r -> now.isBefore(r.at().plus(REORG_REPORTED_FOR)));
    if (deep.isPresent()) {
      return new Result(HealthLevel.DEGRADED, "a " + deep.get().describe() + " at " + deep.get().at()
          + ", deeper than the " + chain.confirmations() + " confirmations");
    }
    Duration lag = s.lag(now).orElse(Duration.ZERO);
    if (!s.synced(now, chain.maxLag())) {
      return new Result(HealthLevel.DEGRADED, "head " + s.height() + " is " + lag.toSeconds()
          + " s old, more than " + chain.maxLag().toSeconds() + " s");
    }
    return new Result(HealthLevel.HEALTHY, "chain " + s.chainId() + " head " + s.height() + ", "
        + lag.toSeconds() + " s old");
  }
}
