package ai.hanzo.node.chain;

import ai.hanzo.node.storage.ChainTxRecord;
import java.util.concurrent.CompletableFuture;

/**
 * A transaction the node signed and journaled: as journaled (PENDING), and its final record once it is CONFIRMED,
 * REVERTED or DROPPED. {@code outcome} never completes for a transaction resumed after a restart by another
 * process; read the journal then.
 */
public record SubmittedTx(ChainTxRecord journaled, CompletableFuture<ChainTxRecord> outcome) {}
