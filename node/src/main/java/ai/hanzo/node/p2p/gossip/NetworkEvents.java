package ai.hanzo.node.p2p.gossip;

/** Event types the gossip layer publishes on the node's bus. */
public final class NetworkEvents {
  public static final String COMMAND_EXECUTED = "command.executed";
  public static final String COMMAND_REFUSED = "command.refused";
  public static final String COMMAND_REPLAYED = "command.replayed";
  /** A deployment event of another node, received on hanzo/deployments/v1 (not {@code deployment.*}: no echo). */
  public static final String PEER_DEPLOYMENT = "network.deployment";

  private NetworkEvents() {}
}
