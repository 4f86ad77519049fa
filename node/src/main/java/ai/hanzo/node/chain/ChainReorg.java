package ai.hanzo.node.chain;

import java.time.Instant;

/**
 * The chain replaced blocks the node had seen: the blocks above {@code ancestor} that the node remembered are no
 * longer on the chain.
 *
 * @param depth how many remembered blocks left the chain ({@code previousHead - ancestor})
 * @param ancestor the highest remembered block still on the chain (the fork point)
 * @param previousHead the highest block the node had seen before
 * @param newHead the head after the reorg
 * @param beyondMemory the fork point is older than the blocks the node remembers: the depth is at least this
 * @param at when the node noticed it
 */
public record ChainReorg(int depth, long ancestor, long previousHead, long newHead, boolean beyondMemory,
    Instant at) {

  /** A sentence for logs, events and the health check. */
  public String describe() {
    return "reorg of depth " + (beyondMemory ? "at least " : "") + depth + ": blocks " + (ancestor + 1) + " to "
        + previousHead + " left the chain (new head " + newHead + ")";
  }
}
