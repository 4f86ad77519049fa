package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One transaction this node signed, as journaled: written before it is broadcast, so that after a crash the node
 * knows it exists and resumes it (rebroadcasting exactly {@code rawHex}, never signing a second one).
 *
 * @param hash the transaction hash, 0x and 64 lower-case hex digits
 * @param from the sending address (the operator), 0x and 40 lower-case hex digits
 * @param nonce the sender's nonce the transaction uses
 * @param action what it does, e.g. {@code register}, {@code increase}
 * @param valueWei the wei it sends, as a decimal string
 * @param rawHex the signed transaction, 0x-prefixed hex
 * @param state {@code PENDING}, {@code MINED}, {@code CONFIRMED}, {@code REVERTED} or {@code DROPPED}
 * @param blockNumber the block that holds it, 0 while none does
 * @param detail why it reverted or was dropped; empty otherwise
 */
public record ChainTxRecord(
    String hash,
    String from,
    long nonce,
    String action,
    String valueWei,
    String rawHex,
    String state,
    long blockNumber,
    String detail,
    Instant createdAt,
    Instant updatedAt) {

  public ChainTxRecord {
    StoredText.requireKey(hash, "transaction hash");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(valueWei, "valueWei");
    Objects.requireNonNull(rawHex, "rawHex");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The same transaction in another state. */
  public ChainTxRecord withState(String newState, long newBlockNumber, String newDetail, Instant at) {
    return new ChainTxRecord(hash, from, nonce, action, valueWei, rawHex, newState, newBlockNumber, newDetail,
        createdAt, at);
  }
}
