package ai.hanzo.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one interface the orchestrator uses to run containers, whatever runs them. Every method throws
 * {@link ContainerRuntimeException} with a stable code. Containers outlive the runtime object: {@link #close()}
 * releases the node-side resources (log readers, threads) and leaves containers running, and a new runtime over the
 * same root directory finds them again.
 */
public interface ContainerRuntime extends AutoCloseable {
  /** Short name: {@code process}, {@code runc}, {@code docker}. */
  String name();

  /**
   * Whether this runtime runs a service's command as a host process ({@code image: process}) instead of a container
   * image; Deploy refuses the other kind at once rather than leaving its replicas pending.
   */
  default boolean runsHostProcesses() {
    return false;
  }

  Availability available();

  /** Prepares a container; returns its id. Names are unique per runtime (CONFLICT otherwise). */
  String create(ContainerSpec spec);

  /** Starts a created or exited container; a running one is left alone. */
  void start(String id);

  /**
   * SIGTERM, waits up to {@code grace} for the container to end, then SIGKILL; returns once it ended. A zero grace
   * sends SIGKILL at once (and still waits for the end).
   */
  void stop(String id, Duration grace);

  /** Sends {@code signal} (a name like {@code TERM} or {@code SIGKILL}, or a number) to the container. */
  void kill(String id, String signal);

  /** Deletes a container that is not running, with its files. */
  void remove(String id);

  ContainerState inspect(String id);

  /** Containers whose labels contain every entry of {@code labelFilter} (all when it is empty). */
  List<ContainerState> list(Map<String, String> labelFilter);

  LogSubscription logs(String id, LogQuery query, LogConsumer consumer);

  ContainerStats stats(String id);

  ExecSession exec(String id, ExecSpec spec, ExecOutput output);

  @Override
  void close();
}
