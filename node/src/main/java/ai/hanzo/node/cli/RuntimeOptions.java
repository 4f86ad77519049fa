package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.Setting;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Which container runtime runs deployments, and where a Docker-API engine answers. */
public final class RuntimeOptions {
  static final Setting<String> RUNTIME = new Setting<>("--runtime", "HANZO_RUNTIME", "auto",
      "auto, docker, runc or process", RuntimeConfig::kind);
  static final Setting<String> DOCKER_HOST = new Setting<>("--docker-host", "DOCKER_HOST", "",
      "a Docker API address such as unix:///run/podman/podman.sock or tcp://127.0.0.1:2375", String::trim);

  static final Setting<String> INSECURE_REGISTRY = new Setting<>("--insecure-registry",
      "HANZO_INSECURE_REGISTRIES", "", "a registry host with an optional port, such as 127.0.0.1:5000",
      RuntimeConfig::registry);
  static final Setting<String> REGISTRY_AUTH_FILE = new Setting<>("--registry-auth-file",
      "HANZO_REGISTRY_AUTH_FILE", "", "the path of a docker/podman auth.json", String::trim);

  static final Setting<Long> DEFAULT_PIDS_LIMIT = new Setting<>("--default-pids-limit",
      "HANZO_DEFAULT_PIDS_LIMIT", Long.toString(RuntimeConfig.DEFAULT_PIDS_LIMIT),
      "a whole number of processes, 0 for no limit", RuntimeConfig::pidsLimit);

  static final Setting<Long> MAX_PROCESSES = new Setting<>("--max-processes", "HANZO_MAX_PROCESSES", "auto",
      "auto or a whole number of processes", RuntimeConfig::maxProcesses);

  static final Setting<Duration> SAMPLE_INTERVAL = new Setting<>("--sample-interval", "HANZO_SAMPLE_INTERVAL",
      "10s", "a duration from 1s to 1h such as 10s", RuntimeConfig::sampleInterval);

  static final List<Setting<?>> ALL = List.of(RUNTIME, DOCKER_HOST, INSECURE_REGISTRY, REGISTRY_AUTH_FILE,
      DEFAULT_PIDS_LIMIT, MAX_PROCESSES, SAMPLE_INTERVAL);

  @Option(names = "--runtime", paramLabel = "KIND",
      description = "Container runtime: auto (a Docker-API engine if one answers, else runc if installed, else "
          + "host processes), docker, runc or process (env HANZO_RUNTIME, default auto).")
  String runtime;

  @Option(names = "--docker-host", paramLabel = "URI",
      description = "Where the Docker API answers (env DOCKER_HOST, default the local Docker socket).")
  String dockerHost;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Registry the runc image store pulls from over plain HTTP instead of HTTPS; repeatable (env "
          + "HANZO_INSECURE_REGISTRIES, comma-separated; default none).")
  List<String> insecureRegistries;

  @Option(names = "--registry-auth-file", paramLabel = "FILE",
      description = "Registry credentials in docker/podman auth.json form (env HANZO_REGISTRY_AUTH_FILE, default "
          + "none).")
  String registryAuthFile;

  @Option(names = "--default-pids-limit", paramLabel = "N",
      description = "Most processes a container may have when its spec sets no pids limit; 0 for no limit (env "
          + "HANZO_DEFAULT_PIDS_LIMIT, default 1024).")
  String defaultPidsLimit;

  @Option(names = "--max-processes", paramLabel = "N",
      description = "Process budget: what the pids limits of all running replicas together may add up to (a "
          + "replica without one in its spec counts --default-pids-limit); a Deploy or Scale beyond it is refused "
          + "with RESOURCE_EXHAUSTED. auto: the smallest of the cgroup's pids.max, kernel.pid_max, "
          + "kernel.threads-max and ulimit -u, less an eighth (at least 1024) (env HANZO_MAX_PROCESSES, default "
          + "auto).")
  String maxProcesses;

  @Option(names = "--sample-interval", paramLabel = "DURATION",
      description = "How often every container's cpu, memory and pids are read, for its metrics and for usage "
          + "metering; 1s to 1h (env HANZO_SAMPLE_INTERVAL, default 10s).")
  String sampleInterval;

  RuntimeConfig toConfig(ConfigSources sources) {
    return new RuntimeConfig(sources.resolve(RUNTIME, runtime), sources.resolve(DOCKER_HOST, dockerHost),
        sources.resolveList(INSECURE_REGISTRY, insecureRegistries),
        sources.resolve(REGISTRY_AUTH_FILE, registryAuthFile), sources.resolve(DEFAULT_PIDS_LIMIT, defaultPidsLimit),
        sources.resolve(MAX_PROCESSES, maxProcesses), sources.resolve(SAMPLE_INTERVAL, sampleInterval));
  }
}
