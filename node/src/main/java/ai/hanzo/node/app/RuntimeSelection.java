package ai.hanzo.node.app;

import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.RuntimeWarnings;
import ai.hanzo.node.runtime.docker.DockerRuntime;
import ai.hanzo.node.runtime.docker.DockerRuntimeConfig;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.image.LocalImageStore;
import ai.hanzo.node.runtime.image.PlatformSelector;
import ai.hanzo.node.runtime.image.RegistrySettings;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.runtime.runc.RuncRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the runtime {@code --runtime} names. {@code auto} takes a Docker-API engine if one answers, else runc if
 * installed, else host processes. The Docker owner label is the data directory's path: it is stable across
 * restarts and tells two nodes sharing one engine apart.
 */
final class RuntimeSelection {
  private static final Logger log = LoggerFactory.getLogger(RuntimeSelection.class);

  private RuntimeSelection() {}

  static ContainerRuntime select(RuntimeConfig config, Path dataDir, RuntimeWarnings warnings) {
    HostRuntimeConfig host = HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir).withWarnings(warnings)
        .withDefaultPidsLimit(config.defaultPidsLimit());
    ContainerRuntime chosen = switch (config.kind()) {
      case "process" -> new ProcessRuntime(host);
      case "runc" -> runc(config, host, dataDir);
      case "docker" -> docker(config, dataDir);
      default -> auto(config, dataDir, host);
    };
    log.info("Container runtime: {} ({})", chosen.name(), chosen.available().reason());
    return chosen;
  }

  private static ContainerRuntime auto(RuntimeConfig config, Path dataDir, HostRuntimeConfig host) {
    URI dockerHost = dockerHost(config);
    boolean socketThere = !"unix".equals(dockerHost.getScheme()) || Files.exists(Path.of(dockerHost.getPath()));
    if (socketThere) {
      ContainerRuntime docker = docker(config, dataDir);
      if (docker.available().available()) {
        return docker;
      }
      docker.close();
    }
    ContainerRuntime runc = runc(config, host, dataDir);
    if (runc.available().available()) {
      return runc;
    }
    runc.close();
    return new ProcessRuntime(host);
  }

  private static ContainerRuntime runc(RuntimeConfig config, HostRuntimeConfig host, Path dataDir) {
    return new RuncRuntime(host, images(config, dataDir), Optional.empty());
  }

  /** The image store of the data dir, pulling from registries as the runtime config allows. */
  static LocalImageStore images(RuntimeConfig config, Path dataDir) {
    return LocalImageStore.pulling(dataDir.resolve("images"), RegistrySettings.of(config.insecureRegistries(),
        config.registryAuthFile()), PlatformSelector.host());
  }

  private static ContainerRuntime docker(RuntimeConfig config, Path dataDir) {
    return new DockerRuntime(new DockerRuntimeConfig(dockerHost(config), dataDir,
        "hanzo-node:" + dataDir.toAbsolutePath().normalize(), config.defaultPidsLimit()));
  }

  private static URI dockerHost(RuntimeConfig config) {
    return config.dockerHost().isBlank() ? DockerRuntimeConfig.hostFrom(Map.of()) : URI.create(config.dockerHost());
  }
}
