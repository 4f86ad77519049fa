package ai.hanzo.node.p2p.gossip;

/**
 * Decides whether the peer that signed a command may have it executed here, and records what happened (audit).
 * Implemented over IAM by the composition root; with IAM off it must refuse everything.
 */
public interface CommandAuthority {
  Decision authorize(String peerId, CommandKind kind);

  void record(NetworkCommand command, String outcome, String detail);

  record Decision(boolean allowed, String reason) {}
}
