package ai.hanzo.node.api.endpoint;

/** What the probes report: the composition root answers from the lifecycle state. */
public interface Readiness {
  /** True once every service has started, until shutdown begins. */
  boolean ready();
}
