package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalInt;

/** Maps the engine's container JSON to a {@link ContainerState}. */
final class DockerStates {
  private DockerStates() {}

  static ContainerState from(InspectContainerResponse inspect) {
    InspectContainerResponse.ContainerState engine = inspect.getState();
    ContainerStatus status = status(engine.getStatus());
    Long exitCode = engine.getExitCodeLong();
    Map<String, String> labels = inspect.getConfig().getLabels() == null ? Map.of()
        : inspect.getConfig().getLabels();
    String name = inspect.getName() == null ? "" : inspect.getName().replaceFirst("^/", "");
    boolean running = status == ContainerStatus.RUNNING;
    Long pid = engine.getPidLong();
    return new ContainerState(inspect.getId(), name, inspect.getConfig().getImage(), status,
        running && pid != null ? pid : 0,
        status == ContainerStatus.EXITED && exitCode != null ? OptionalInt.of(exitCode.intValue())
            : OptionalInt.empty(),
        time(inspect.getCreated()), time(engine.getStartedAt()),
        status == ContainerStatus.EXITED ? time(engine.getFinishedAt()) : null, labels);
  }

  static ContainerStatus status(String engineStatus) {
    return switch (engineStatus == null ? "" : engineStatus) {
      case "created", "configured", "initialized" -> ContainerStatus.CREATED;
      case "running", "paused", "restarting" -> ContainerStatus.RUNNING;
      case "exited", "stopped" -> ContainerStatus.EXITED;
      default -> ContainerStatus.DEAD;
    };
  }

  /** Engine times are RFC 3339; the zero time {@code 0001-01-01T00:00:00Z} means "never". */
  static Instant time(String text) {
    if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return java.time.OffsetDateTime.parse(text).toInstant();
    }
  }
}
