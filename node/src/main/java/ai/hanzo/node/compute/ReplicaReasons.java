package ai.hanzo.node.compute;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why each replica that should run does not, like the kubelet's waiting reasons: written by the reconciler when
 * bringing a replica up fails or a crashed one backs off, cleared as soon as it runs, and read by the status and
 * container queries. Kept in memory only (at most one entry per replica, no disk write per failure): after a node
 * restart the next pass finds the reasons again.
 */
final class ReplicaReasons {
  /** The longest message kept; runtimes can say a lot (a whole stderr), the API shows a line or two. */
  static final int MAX_MESSAGE = 512;

  static final String PENDING = "Pending";
  static final String CONTAINER_CREATING = "ContainerCreating";
  static final String IMAGE_NOT_FOUND = "ImageNotFound";
  static final String RUNTIME_REFUSED = "RuntimeRefused";
  static final String RUNTIME_UNAVAILABLE = "RuntimeUnavailable";
  static final String CREATE_FAILED = "CreateFailed";
  static final String START_FAILED = "StartFailed";
  static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
  static final String COMPLETED = "Completed";
  static final String ERROR = "Error";
  static final String STOPPED = "Stopped";

  /**
   * A replica waiting to be (re)started.
   *
   * @param restarts restarts of its container, or failed attempts to bring it up
   * @param nextRetry when the next attempt is due, or {@code null} when none is planned
   */
  record Waiting(String reason, String message, int restarts, Instant nextRetry) {
    Waiting {
      message = bounded(message);
    }
  }

  private final Map<ReplicaName, Waiting> byReplica = new ConcurrentHashMap<>();

  void waiting(ReplicaName replica, Waiting why) {
    byReplica.put(replica, why);
  }

  /** The replica runs (or is gone): it has no reason to show any more. */
  void clear(ReplicaName replica) {
    byReplica.remove(replica);
  }

  Optional<Waiting> of(ReplicaName replica) {
    return Optional.ofNullable(byReplica.get(replica));
  }

  /** Drops the entries of a deployment's replicas beyond {@code desired} (all of them for a removed deployment). */
  void retain(String deploymentId, java.util.function.Predicate<ReplicaName> desired) {
    byReplica.keySet().removeIf(r -> r.deploymentId().equals(deploymentId) && !desired.test(r));
  }

  /** The reason for a failure to create a replica's container. */
  static String createFailure(RuntimeException e) {
    if (!(e instanceof ContainerRuntimeException cre)) {
      return CREATE_FAILED;
    }
    return switch (cre.code()) {
      case NOT_FOUND -> IMAGE_NOT_FOUND;
      case INVALID_SPEC -> RUNTIME_REFUSED;
      case UNAVAILABLE -> RUNTIME_UNAVAILABLE;
      default -> CREATE_FAILED;
    };
  }

  /** The reason for a failure to start a created container. */
  static String startFailure(RuntimeException e) {
    if (e instanceof ContainerRuntimeException cre) {
      return switch (cre.code()) {
        case INVALID_SPEC -> RUNTIME_REFUSED;
        case UNAVAILABLE -> RUNTIME_UNAVAILABLE;
        default -> START_FAILED;
      };
    }
    return START_FAILED;
  }

  /** How an ended container ended, as the kubelet says it. */
  static String terminated(int exitCode, boolean stoppedByNode) {
    return stoppedByNode ? STOPPED : exitCode == 0 ? COMPLETED : ERROR;
  }

  /** A readable hint for exit codes that shells give a meaning. */
  static String exitMessage(int exitCode) {
    return switch (exitCode) {
      case 126 -> "exit code 126 (the command is not executable)";
      case 127 -> "exit code 127 (command not found)";
      case -1 -> "the container is gone without an exit code";
      default -> exitCode > 128 && exitCode < 160 ? "exit code " + exitCode + " (killed by signal "
          + (exitCode - 128) + ")" : "exit code " + exitCode;
    };
  }

  static String bounded(String message) {
    String m = message == null ? "" : message;
    return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
