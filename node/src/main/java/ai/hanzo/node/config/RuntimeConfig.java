package ai.hanzo.node.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which container runtime runs deployments: {@code auto} (a Docker-API engine if one answers, else runc if
 * installed, else host processes), {@code docker}, {@code runc} or {@code process}. {@code dockerHost} is where
 * the Docker API answers; empty means the default socket. {@code insecureRegistries}: {@code host[:port]} names the
 * runc image store pulls from over plain HTTP; {@code registryAuthFile}: a docker/podman {@code auth.json} with
 * registry credentials, empty for none.
 */
public record RuntimeConfig(String kind, String dockerHost, List<String> insecureRegistries,
    String registryAuthFile) {
  public static final Set<String> KINDS = Set.of("auto", "docker", "runc", "process");
  public static final RuntimeConfig DEFAULTS = new RuntimeConfig("auto", "");
  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

  public RuntimeConfig {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("runtime '" + kind + "' is not one of auto, docker, runc, process");
    }
    dockerHost = dockerHost == null ? "" : dockerHost;
    insecureRegistries = List.copyOf(insecureRegistries == null ? List.of() : insecureRegistries);
    registryAuthFile = registryAuthFile == null ? "" : registryAuthFile;
  }

  public RuntimeConfig(String kind, String dockerHost) {
    this(kind, dockerHost, List.of(), "");
  }

  /** Parses an {@code --insecure-registry} value: a registry host with an optional port. */
  public static String registry(String text) {
    String registry = text.trim();
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("must be a registry host with an optional port, such as 127.0.0.1:5000");
    }
    return registry;
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
