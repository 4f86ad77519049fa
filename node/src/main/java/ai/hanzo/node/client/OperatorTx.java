package ai.hanzo.node.client;

/**
 * A transaction the node sent for its operator (OperatorTransaction): the components carry the API's JSON names.
 *
 * @param state PENDING, MINED, CONFIRMED, REVERTED or DROPPED
 */
public record OperatorTx(String txHash, String action, String state, String operator, long nonce, String valueWei,
    long blockNumber, String detail) {}
