package ai.hanzo.node.compute;

import java.time.Duration;

/**
 * Cordon, drain and uncordon, as the admin API, the CLI and a {@code COMMAND_TYPE_DRAIN} command reach them.
 * Cordoned, the node refuses new deployments and scale-ups (FAILED_PRECONDITION) but keeps what runs; drain also
 * stops every running deployment (SIGTERM, then SIGKILL for whatever still runs at the deadline) and reports the
 * node as DRAINING until uncordoned; uncordon makes the node schedulable and starts again what the drain stopped.
 */
public interface SchedulingControl {
  SchedulingState state();

  void cordon();

  /** Starts the drain and returns at once; events {@code node.draining} and {@code node.drained} follow it. */
  DrainResult drain(Duration deadline);

  /** Returns how many deployments it starts again. */
  int uncordon();

  record SchedulingState(boolean cordoned, NodeScheduling.Drain drain) {}

  record DrainResult(int stoppingDeployments, boolean alreadyDraining) {}
}
