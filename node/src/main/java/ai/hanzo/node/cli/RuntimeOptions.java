package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.Setting;
import java.util.List;
import picocli.CommandLine.Option;

/** Which container runtime runs deployments, and where a Docker-API engine answers. */
public final class RuntimeOptions {
  static final Setting<String> RUNTIME = new Setting<>("--runtime", "HANZO_RUNTIME", "auto",
      "auto, docker, runc or process", RuntimeConfig::kind);
  static final Setting<String> DOCKER_HOST = new Setting<>("--docker-host", "DOCKER_HOST", "",
      "a Docker API address such as unix:///run/podman/podman.sock or tcp://127.0.0.1:2375", String::trim);

  static final List<Setting<?>> ALL = List.of(RUNTIME, DOCKER_HOST);

  @Option(names = "--runtime", paramLabel = "KIND",
      description = "Container runtime: auto (a Docker-API engine if one answers, else runc if installed, else "
          + "host processes), docker, runc or process (env HANZO_RUNTIME, default auto).")
  String runtime;

  @Option(names = "--docker-host", paramLabel = "URI",
      description = "Where the Docker API answers (env DOCKER_HOST, default the local Docker socket).")
  String dockerHost;

  RuntimeConfig toConfig(ConfigSources sources) {
    return new RuntimeConfig(sources.resolve(RUNTIME, runtime), sources.resolve(DOCKER_HOST, dockerHost));
  }
}
