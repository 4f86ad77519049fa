package ai.hanzo.node.chain;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Notices reorgs from the heads the follower polls: it remembers the hashes of the recent blocks it saw
 * ({@link RecentBlocks}) and, when the chain's block at a remembered number has another hash, walks down to the
 * highest remembered block that is still on the chain (the fork point). The common case costs no extra RPC call (the
 * new head's parent is the remembered head), a head that jumped several blocks one call (the remembered head is
 * still on the chain), a reorg one call per block walked down. Used on the follower's thread only.
 */
final class ReorgDetector {
  /** The chain's hash at a block number; null when the chain has no such block (yet). */
  @FunctionalInterface
  interface Chain {
    String hashAt(long number) throws IOException;
  }

  /** A block as the RPC reported it. */
  record Block(long number, String hash, String parentHash) {}

  private final RecentBlocks seen;
  private final Clock clock;

  ReorgDetector(RecentBlocks seen, Clock clock) {
    this.seen = seen;
    this.clock = clock;
  }

  /** Blocks remembered for a follower with {@code confirmations}: twice as many, at least 64, at most 4096. */
  static int memoryFor(int confirmations) {
    return (int) Math.min(4096, Math.max(64, 2L * confirmations + 2));
  }

  /** Takes in the latest head; the reorg it reveals, if it reveals one. */
  Optional<ChainReorg> observe(Block latest, Chain chain) throws IOException {
    if (seen.isEmpty()) {
      seen.put(latest.number(), latest.hash());
      return Optional.empty();
    }
    long top = seen.highest();
    Optional<String> known = seen.hash(latest.number());
    if (known.isPresent() && known.get().equals(latest.hash())) {
      // The same head again, or (below the highest seen) a chain that got shorter: what was above it is gone.
      return latest.number() == top ? Optional.empty() : Optional.of(reorg(latest.number(), top, latest, false));
    }
    if (latest.number() > top) {
      String topHash = seen.hash(top).orElseThrow();
      boolean onTop = latest.number() == top + 1 ? topHash.equals(latest.parentHash())
          : topHash.equals(chain.hashAt(top));
      if (onTop) {
        seen.put(latest.number(), latest.hash());
        return Optional.empty();
      }
    }
    // A remembered block is no longer on the chain: the fork point is the highest one that still is.
    List<Long> candidates = new ArrayList<>();
    seen.downFrom(Math.min(top, latest.number())).forEach(candidates::add);
    for (long n : candidates) {
      String onChain = n == latest.number() ? latest.hash() : chain.hashAt(n);
      if (seen.hash(n).orElseThrow().equals(onChain)) {
        return Optional.of(reorg(n, top, latest, false));
      }
    }
    // None is: the fork point is below the memory, and no higher than the new head (a chain that restarted from
    // genesis, like a fresh dev chain on the same RPC, lost everything above its new head).
    return Optional.of(reorg(Math.min(seen.lowest() - 1, latest.number()), top, latest, true));
  }

  private ChainReorg reorg(long ancestor, long top, Block latest, boolean beyondMemory) {
    seen.dropAbove(ancestor);
    if (latest.number() > ancestor) {
      seen.put(latest.number(), latest.hash());
    }
    return new ChainReorg((int) Math.min(Integer.MAX_VALUE, top - ancestor), ancestor, top, latest.number(),
        beyondMemory, clock.instant());
  }
}
