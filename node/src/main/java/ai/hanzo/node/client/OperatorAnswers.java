package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.OperatorStatus;
import ai.hanzo.node.api.v1.OperatorTransaction;

/** The node's operator answers as the client's records. */
final class OperatorAnswers {
  private OperatorAnswers() {}

  static OperatorTx transaction(OperatorTransaction t) {
    return new OperatorTx(t.getTxHash(), t.getAction(), t.getState(), t.getOperator(), t.getNonce(),
        t.getValueWei(), t.getBlockNumber(), t.getDetail());
  }

  static OperatorInfo status(OperatorStatus s) {
    return new OperatorInfo(s.getOperator(), s.getStakeWei(), s.getUnbondingWei(), s.getUnbondingEndUnix(),
        s.getNodeCount(), s.getMinStakeWei(), s.getUnbondingPeriodSeconds(), s.getRegistry(), s.getChainId(),
        s.getNodeId(), s.getNodeOperator(), s.getPendingList().stream().map(OperatorAnswers::transaction).toList(),
        s.getNodeAccount(), s.getCapabilitiesHash(), s.getRegisteredCapabilitiesHash());
  }
}
