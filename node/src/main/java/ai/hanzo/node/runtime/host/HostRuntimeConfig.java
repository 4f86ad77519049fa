package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.RuntimeWarnings;
import ai.hanzo.node.runtime.logs.LogRotation;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Settings shared by the runtimes that run containers on this host: {@code root} holds their state (inside
 * {@code dataDir}); volume host paths must lie inside {@code dataDir}. {@code defaultPidsLimit}: the pids limit of
 * a container whose spec sets none (0: none).
 */
public record HostRuntimeConfig(Path root, Path dataDir, LogRotation logRotation, RuntimeWarnings warnings,
    Clock clock, long defaultPidsLimit) {

  public static HostRuntimeConfig of(Path root, Path dataDir) {
    return new HostRuntimeConfig(root, dataDir, LogRotation.DEFAULT, RuntimeWarnings.NONE, Clock.systemUTC(), 0);
  }

  public HostRuntimeConfig withDefaultPidsLimit(long limit) {
    return new HostRuntimeConfig(root, dataDir, logRotation, warnings, clock, limit);
  }

  public HostRuntimeConfig withWarnings(RuntimeWarnings newWarnings) {
    return new HostRuntimeConfig(root, dataDir, logRotation, newWarnings, clock, defaultPidsLimit);
  }

  public HostRuntimeConfig withLogRotation(LogRotation newRotation) {
    return new HostRuntimeConfig(root, dataDir, newRotation, warnings, clock, defaultPidsLimit);
  }
}
