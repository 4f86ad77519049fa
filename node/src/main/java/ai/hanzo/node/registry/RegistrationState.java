package ai.hanzo.node.registry;

/** Where a registered node stands: unproven, heartbeating, or silent for too long. */
public enum RegistrationState {
  /** Registered, but has not yet proven possession of its key. Heartbeats are refused. */
  PENDING_PROOF,
  ONLINE,
  /** Missed too many heartbeats; the next heartbeat brings it back online. */
  OFFLINE
}
