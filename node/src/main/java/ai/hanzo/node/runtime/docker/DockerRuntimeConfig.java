package ai.hanzo.node.runtime.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker Engine API answers ({@code unix:///run/podman/podman.sock}, {@code tcp://host:2375}), the
 * node's data dir (volumes must lie inside it) and the owner label value that marks this node's containers: the
 * engine is shared with others, so {@code list} only ever sees containers carrying it. {@code defaultPidsLimit}:
 * the PidsLimit of a container whose spec sets none (0: none).
 */
public record DockerRuntimeConfig(URI dockerHost, Path dataDir, String owner, long defaultPidsLimit) {
  public static final String OWNER_LABEL = "ai.hanzo.node.owner";

  public DockerRuntimeConfig(URI dockerHost, Path dataDir, String owner) {
    this(dockerHost, dataDir, owner, 0);
  }

  /** {@code DOCKER_HOST} from the given environment, else Docker's default socket. */
  public static URI hostFrom(Map<String, String> environment) {
    String host = environment.get("DOCKER_HOST");
    return URI.create(host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host);
  }
}
