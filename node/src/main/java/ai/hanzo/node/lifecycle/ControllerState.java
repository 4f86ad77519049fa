package ai.hanzo.node.lifecycle;

/** Where the node as a whole is in its life; readiness is {@code RUNNING}. */
public enum ControllerState {
  NEW,
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  FAILED
}
