package ai.hanzo.node.api.endpoint;

/** The node's state as GetStatus reports it. */
public enum NodePhase {
  STARTING,
  READY,
  DRAINING,
  STOPPED
}
