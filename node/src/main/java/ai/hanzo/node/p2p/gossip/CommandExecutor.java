package ai.hanzo.node.p2p.gossip;

/** Carries out an authorized command on this node; returns a line for the log and the events. */
public interface CommandExecutor {
  String execute(NetworkCommand command);
}
