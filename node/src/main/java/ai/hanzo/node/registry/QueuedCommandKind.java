package ai.hanzo.node.registry;

/**
 * What a command queued for a registered node asks it to do (the payload carries the details). Not the gossip
 * {@code p2p.gossip.CommandKind}: these are delivered through heartbeats to one registered node, those are signed
 * and broadcast on {@code hanzo/commands/v1}. Stored by name in RocksDB: renaming a value breaks stored queues.
 */
public enum QueuedCommandKind {
  DEPLOY,
  STOP,
  UPDATE,
  DRAIN
}
