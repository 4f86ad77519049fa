package ai.hanzo.node.client;

import java.util.List;

/** An operator's state in the registry as the node reads it (OperatorStatus); amounts are decimal wei strings. */
public record OperatorInfo(String operator, String stakeWei, String unbondingWei, long unbondingEndUnix,
    int nodeCount, String minStakeWei, long unbondingPeriodSeconds, String registry, long chainId, String nodeId,
    String nodeOperator, List<OperatorTx> pending, String nodeAccount, String capabilitiesHash,
    String registeredCapabilitiesHash) {

  public OperatorInfo {
    pending = List.copyOf(pending);
  }
}
