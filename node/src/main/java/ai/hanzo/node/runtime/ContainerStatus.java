package ai.hanzo.node.runtime;

/** Lifecycle of a container as the runtime sees it. */
public enum ContainerStatus {
  /** Prepared, never started (or not started again since its last exit). */
  CREATED,
  RUNNING,
  /** Ended; the exit code is known. */
  EXITED,
  /** Gone without a recorded exit code (e.g. the host rebooted). */
  DEAD
}
