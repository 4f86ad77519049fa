package ai.hanzo.node.config;

import java.util.Locale;
import java.util.Set;

/**
 * Which container runtime runs deployments: {@code auto} (a Docker-API engine if one answers, else runc if
 * installed, else host processes), {@code docker}, {@code runc} or {@code process}. {@code dockerHost} is where
 * the Docker API answers; empty means the default socket.
 */
public record RuntimeConfig(String kind, String dockerHost) {
  public static final Set<String> KINDS = Set.of("auto", "docker", "runc", "process");
  public static final RuntimeConfig DEFAULTS = new RuntimeConfig("auto", "");

  public RuntimeConfig {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("runtime '" + kind + "' is not one of auto, docker, runc, process");
    }
    dockerHost = dockerHost == null ? "" : dockerHost;
  }

  /** Parses a {@code --runtime} value. */
  public static String kind(String text) {
    String k = text.trim().toLowerCase(Locale.ROOT);
    if (!KINDS.contains(k)) {
      throw new IllegalArgumentException("must be auto, docker, runc or process");
    }
    return k;
  }
}
