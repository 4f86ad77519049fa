package ai.hanzo.node.api.endpoint;

/** What the probes report: the composition root answers from the lifecycle state and the storage's health. */
public interface Readiness {
  /** True once every service has started, until shutdown begins, while the node's storage is healthy. */
  boolean ready();

  /** Why the node is not ready, for the probe's body; {@code null} while it is. Read on the event loop. */
  default String notReadyReason() {
    return ready() ? null : "not ready";
  }
}
