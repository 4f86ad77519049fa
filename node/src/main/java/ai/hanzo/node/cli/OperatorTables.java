package ai.hanzo.node.cli;

import ai.hanzo.node.client.OperatorInfo;
import ai.hanzo.node.client.OperatorTx;
import java.time.Instant;

/** The operator answers as tables: a transaction and an operator's state in the registry. */
final class OperatorTables {
  private OperatorTables() {}

  static String transaction(OperatorTx t) {
    return Tables.labelled(new String[][] {
        {"action", t.action()},
        {"state", t.state() + (t.detail().isEmpty() ? "" : ": " + t.detail())},
        {"transaction", t.txHash()},
        {"operator", t.operator()},
        {"nonce", Long.toString(t.nonce())},
        {"value wei", t.valueWei()},
        {"block", t.blockNumber() == 0 ? "-" : Long.toString(t.blockNumber())}});
  }

  static String status(OperatorInfo s) {
    StringBuilder sb = new StringBuilder(Tables.labelled(new String[][] {
        {"operator", s.operator()},
        {"stake wei", s.stakeWei()},
        {"unbonding", s.unbondingWei() + (s.unbondingEndUnix() == 0 ? ""
            : " (withdrawable from " + Instant.ofEpochSecond(s.unbondingEndUnix()) + ")")},
        {"nodes", Integer.toString(s.nodeCount())},
        {"min stake", s.minStakeWei()},
        {"unbonding period", s.unbondingPeriodSeconds() + " s"},
        {"registry", s.registry() + " on chain " + s.chainId()},
        {"this node", s.nodeId() + (s.nodeOperator().isEmpty() ? " (not registered)"
            : " registered under " + s.nodeOperator())},
        {"node account", Tables.orDash(s.nodeAccount())},
        {"capabilities", s.capabilitiesHash() + (s.registeredCapabilitiesHash().isEmpty() ? ""
            : s.registeredCapabilitiesHash().equals(s.capabilitiesHash()) ? " (registered)"
            : " (registered: " + s.registeredCapabilitiesHash() + ")")}}));
    for (OperatorTx t : s.pending()) {
      sb.append(String.format("%-12s %s %s %s%n", "pending", t.action(), t.state(), t.txHash()));
    }
    return sb.toString();
  }
}
