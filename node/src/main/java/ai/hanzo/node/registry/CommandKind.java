package ai.hanzo.node.registry;

/** What a queued command asks the registered node to do (the payload carries the details). */
public enum CommandKind {
  DEPLOY,
  STOP,
  UPDATE,
  DRAIN
}
