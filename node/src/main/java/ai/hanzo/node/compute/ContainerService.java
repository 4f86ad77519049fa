package ai.hanzo.node.compute;

import java.util.List;
import java.util.Map;

/**
 * Containers as the API sees them. May block: call off the event loop. A container belongs to the organisation of
 * its deployment ({@link Ownership#sees(Tenant, Map, java.util.function.Function)}): a container the tenant may not
 * see is left out of lists and is NOT_FOUND otherwise, as a missing one.
 */
public interface ContainerService {
  List<ContainerSummary> list(Tenant tenant, boolean all, Map<String, String> filters);

  /** NOT_FOUND for an unknown id. */
  ContainerSummary inspect(Tenant tenant, String containerId);

  /** Starts {@code command} in the container; output goes to {@code output}, stdin through the session. */
  default ExecSession exec(Tenant tenant, String containerId, List<String> command, boolean tty,
      StreamSink<ExecChunk> output) {
    return exec(tenant, containerId, command, tty, 0, 0, output);
  }

  /**
   * As above, with a tty of {@code rows} x {@code cols} from the start (both 0: the runtime's default, 24x80). Sizes
   * are plain ints here, not the runtime's TerminalSize, because the API layer sees this interface and must not see
   * the runtime; the runtime checks the bounds again (INVALID_ARGUMENT).
   */
  ExecSession exec(Tenant tenant, String containerId, List<String> command, boolean tty, int rows, int cols,
      StreamSink<ExecChunk> output);

  /**
   * One container.
   *
   * @param reason why it does not run, or how it ended (the words of {@link ReplicaSummary#reason()}); empty while
   *     it runs
   * @param nextRetryEpochMillis when the node starts it again after a failure; 0 when no attempt is planned
   */
  record ContainerSummary(String id, String name, String image, String status, String state,
      long createdEpochSeconds, List<String> ports, Map<String, String> labels, String reason, String message,
      int restartCount, long nextRetryEpochMillis) {
    public ContainerSummary {
      ports = List.copyOf(ports);
      labels = Map.copyOf(labels);
    }

    public ContainerSummary(String id, String name, String image, String status, String state,
        long createdEpochSeconds, List<String> ports, Map<String, String> labels) {
      this(id, name, image, status, state, createdEpochSeconds, ports, labels, "", "", 0, 0);
    }

    public ContainerSummary withReason(String why, String text, int restarts, long nextRetry) {
      return new ContainerSummary(id, name, image, status, state, createdEpochSeconds, ports, labels, why, text,
          restarts, nextRetry);
    }
  }

  /** One piece of exec output; the last one has {@code done} and the exit code. */
  record ExecChunk(byte[] stdout, byte[] stderr, int exitCode, boolean done) {}

  interface ExecSession extends AutoCloseable {
    void stdin(byte[] data);

    /**
     * The command's terminal is now {@code rows} x {@code cols} (it gets SIGWINCH). Blocking: off the event loop.
     * INVALID_ARGUMENT without a tty or for a size out of range.
     */
    void resize(int rows, int cols);

    /** Closes stdin; the process sees end of input. */
    void closeStdin();

    /** Kills the process if still running and releases everything. */
    @Override
    void close();
  }
}
