package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One replica of one service of a deployment, as last observed.
 *
 * @param runtime which runtime runs it ({@code process}, {@code runc}, {@code docker})
 * @param runtimeId the runtime's own id for it, or {@code null} before the runtime created it
 * @param startedAt when it last started, or {@code null} if it never did
 * @param pid its main process id, 0 if none
 * @param pidStartTime the start time the OS reports for {@code pid}, so a recycled pid is not
 *     mistaken for it after a node restart; 0 if none
 * @param exitCode its last exit code, or {@code null} if it has not exited
 */
public record ContainerRecord(
    String id,
    String deploymentId,
    String service,
    int replica,
    String runtime,
    String runtimeId,
    String image,
    String state,
    Map<String, String> labels,
    Instant createdAt,
    Instant startedAt,
    long pid,
    long pidStartTime,
    Integer exitCode) {

  public ContainerRecord {
    StoredText.requireKey(id, "container id");
    StoredText.requireKey(deploymentId, "deployment id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(state, "state");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
