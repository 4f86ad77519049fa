package ai.hanzo.node.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A container as inspected now. {@code pid} is the host pid of its main process (0 when not running);
 * {@code startedAt}/{@code finishedAt} are null until they happened.
 */
public record ContainerState(String id, String name, String image, ContainerStatus status, long pid,
    OptionalInt exitCode, Instant createdAt, Instant startedAt, Instant finishedAt, Map<String, String> labels) {

  public ContainerState {
    labels = Map.copyOf(labels);
  }

  public boolean running() {
    return status == ContainerStatus.RUNNING;
  }
}
