package ai.hanzo.node.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the node knows of its chain at one moment.
 *
 * @param chainId the configured chain id (the RPC's, once {@code verified})
 * @param head the latest head seen, if any was
 * @param lastAnswer when the RPC last answered a poll, if ever
 * @param problem why the last poll failed or the chain is unusable; empty while all is well
 * @param wrongChain the RPC serves another chain than configured, or the registry has no code: never synced
 */
public record ChainStatus(long chainId, Optional<Head> head, Optional<Instant> lastAnswer, Optional<String> problem,
    boolean wrongChain) {

  /** A block the RPC reported as its latest. */
  public record Head(long number, Instant timestamp) {}

  /** Reachable now: the last poll was answered. */
  public boolean reachable() {
    return problem.isEmpty() && lastAnswer.isPresent();
  }

  /** How far the head's timestamp is behind {@code now}; empty before the first head. */
  public Optional<Duration> lag(Instant now) {
    return head.map(h -> now.isAfter(h.timestamp()) ? Duration.between(h.timestamp(), now) : Duration.ZERO);
  }

  /** Synced: the right chain, answering, and its head younger than {@code maxLag}. */
  public boolean synced(Instant now, Duration maxLag) {
    return !wrongChain && reachable() && lag(now).map(l -> l.compareTo(maxLag) <= 0).orElse(false);
  }

  public long height() {
    return head.map(Head::number).orElse(0L);
  }
}
