package ai.hanzo.node.chain;

import ai.hanzo.node.storage.ChainTxRecord;
import java.math.BigInteger;
import java.util.List;

/**
 * An operator as the registry holds it at the latest block, with this node's registration and the node's open
 * transactions for the operator.
 *
 * @param unbondingEnd chain time (unix seconds) from which the unbonding wei can be withdrawn; 0 when none
 * @param nodeOperator the operator this node is registered under; empty when it is not registered
 * @param registeredCapabilitiesHash the capabilities hash stored with this node (0x and 64 hex digits); empty when
 *     it is not registered
 * @param transactions the journaled transactions of this operator not final yet (PENDING or MINED)
 */
public record OperatorState(String operator, BigInteger stake, BigInteger unbonding, long unbondingEnd,
    long nodeCount, BigInteger minStake, long unbondingPeriodSeconds, String registry, long chainId, String nodeId,
    String nodeOperator, String registeredCapabilitiesHash, List<ChainTxRecord> transactions) {

  public OperatorState {
    transactions = List.copyOf(transactions);
  }
}
