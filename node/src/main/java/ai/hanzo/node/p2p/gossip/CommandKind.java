package ai.hanzo.node.p2p.gossip;

/** The commands a node executes from {@code hanzo/commands/v1}. */
public enum CommandKind {
  DRAIN, CORDON, UNCORDON
}
