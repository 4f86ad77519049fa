package ai.hanzo.node.chain;

/**
 * Where a journaled transaction stands. PENDING and MINED are open (the sender keeps watching them); the rest are
 * final.
 */
public enum TxState {
  /** Signed and journaled; broadcast, or to be (again) at the next pass. */
  PENDING,
  /** In a block, with fewer than --chain-confirmations blocks on top. */
  MINED,
  /** In a block with enough blocks on top, and it succeeded. */
  CONFIRMED,
  /** In a block with enough blocks on top, and it reverted: it changed nothing but cost gas. */
  REVERTED,
  /** Refused by the RPC or replaced by another transaction of the same nonce: never in a block. */
  DROPPED;

  public boolean open() {
    return this == PENDING || this == MINED;
  }

  static TxState of(String name) {
    return valueOf(name);
  }
}
