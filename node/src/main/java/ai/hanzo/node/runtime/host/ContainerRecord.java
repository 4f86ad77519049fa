package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerSpec;
import java.time.Instant;
import java.util.List;

/**
 * What a runtime persists per container (as {@code container.json}) so that a node restarted over the same root
 * directory finds and controls it again. The shim is the small shell that waits for the container and records its
 * exit code; {@code pid} is the container's main process. Each pid comes with its start time from
 * {@code /proc/<pid>/stat}. Times are ISO-8601 strings (null until they happened); {@code cgroups} are the cgroup
 * directories the runtime created for it.
 */
public record ContainerRecord(String id, ContainerSpec spec, String createdAt, String startedAt, long shimPid,
    long shimStartTime, long pid, long pidStartTime, List<String> cgroups) {

  public ContainerRecord {
    cgroups = List.copyOf(cgroups == null ? List.of() : cgroups);
  }

  public static ContainerRecord created(String id, ContainerSpec spec, Instant now, List<String> cgroups) {
    return new ContainerRecord(id, spec, now.toString(), null, 0, 0, 0, 0, cgroups);
  }

  public ContainerRecord started(Instant now, long newShimPid, long newShimStartTime, long newPid,
      long newPidStartTime) {
    return new ContainerRecord(id, spec, createdAt, now.toString(), newShimPid, newShimStartTime, newPid,
        newPidStartTime, cgroups);
  }

  public static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
