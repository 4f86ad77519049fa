package ai.hanzo.node.compute;

/** What a replica's health check says: {@code NONE} when it has none (then running means ready). */
enum Health {
  NONE,
  STARTING,
  HEALTHY,
  UNHEALTHY;

  /** Whether a running container with this health counts as a ready replica. */
  boolean ready() {
    return this == NONE || this == HEALTHY;
  }
}
