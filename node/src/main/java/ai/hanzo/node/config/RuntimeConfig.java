package ai.hanzo.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which container runtime runs deployments: {@code auto} (a Docker-API engine if one answers, else runc if
 * installed, else host processes), {@code docker}, {@code runc} or {@code process}. {@code dockerHost} is where
 * the Docker API answers; empty means the default socket. {@code insecureRegistries}: {@code host[:port]} names the
 * runc image store pulls from over plain HTTP; {@code registryAuthFile}: a docker/podman {@code auth.json} with
 * registry credentials, empty for none. {@code defaultPidsLimit}: the most processes a container may have when its
 * spec sets no pids limit (0: no limit), so that a fork bomb cannot exhaust the host's pids. {@code maxProcesses}:
 * the node's process budget, what the pids limits of all running replicas together may add up to ({@link
 * #AUTO_MAX_PROCESSES}: derived from the machine). {@code sampleInterval}: how often every container's cpu, memory
 * and pids are read, for its metrics and for usage metering (1 s to 1 h).
 */
public record RuntimeConfig(String kind, String dockerHost, List<String> insecureRegistries,
    String registryAuthFile, long defaultPidsLimit, long maxProcesses, Duration sampleInterval) {
  public static final Set<String> KINDS = Set.of("auto", "docker", "runc", "process");
  public static final long DEFAULT_PIDS_LIMIT = 1024;
  /** The kernel's largest pid_max (PID_MAX_LIMIT). */
  public static final long MAX_PIDS_LIMIT = 4_194_304;
  /** {@code --max-processes auto}: the budget is derived from the machine's limits. */
  public static final long AUTO_MAX_PROCESSES = 0;
  /** The largest process budget: the largest pids limit for each of 10,000 replicas (the most a node runs). */
  public static final long MOST_MAX_PROCESSES = MAX_PIDS_LIMIT * 10_000;
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(10);
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
    if (defaultPidsLimit < 0 || defaultPidsLimit > MAX_PIDS_LIMIT) {
      throw new IllegalArgumentException("default pids limit " + defaultPidsLimit + " is not between 0 and "
          + MAX_PIDS_LIMIT);
    }
    if (maxProcesses < 0 || maxProcesses > MOST_MAX_PROCESSES) {
      throw new IllegalArgumentException("max processes " + maxProcesses + " is not between 1 and "
          + MOST_MAX_PROCESSES + " (0: derived from the machine)");
    }
    if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0 || sampleInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("sample interval " + sampleInterval.toMillis()
          + " ms is not between 1s and 1h");
    }
  }

  public RuntimeConfig(String kind, String dockerHost, List<String> insecureRegistries, String registryAuthFile,
      long defaultPidsLimit, long maxProcesses) {
    this(kind, dockerHost, insecureRegistries, registryAuthFile, defaultPidsLimit, maxProcesses,
        DEFAULT_SAMPLE_INTERVAL);
  }

  public RuntimeConfig(String kind, String dockerHost, List<String> insecureRegistries, String registryAuthFile,
      long defaultPidsLimit) {
    this(kind, dockerHost, insecureRegistries, registryAuthFile, defaultPidsLimit, AUTO_MAX_PROCESSES);
  }

  public RuntimeConfig(String kind, String dockerHost, List<String> insecureRegistries, String registryAuthFile) {
    this(kind, dockerHost, insecureRegistries, registryAuthFile, DEFAULT_PIDS_LIMIT);
  }

  public RuntimeConfig(String kind, String dockerHost) {
    this(kind, dockerHost, List.of(), "");
  }

  /** Parses a {@code --default-pids-limit} value: a whole number of processes, 0 for none. */
  public static long pidsLimit(String text) {
    long limit;
    try {
      limit = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number of processes (0: no limit)");
    }
    if (limit < 0 || limit > MAX_PIDS_LIMIT) {
      throw new IllegalArgumentException("must be between 0 (no limit) and " + MAX_PIDS_LIMIT);
    }
    return limit;
  }

  /** Parses a {@code --max-processes} value: {@code auto} (0, derived from the machine) or a whole number. */
  /** {@code --sample-interval}: a duration from 1 s to 1 h. */
  public static Duration sampleInterval(String text) {
    Duration interval = Parsers.duration(text);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("must be between 1s and 1h");
    }
    return interval;
  }

  public static long maxProcesses(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return AUTO_MAX_PROCESSES;
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MOST_MAX_PROCESSES) {
      throw new IllegalArgumentException("must be auto or a whole number of processes from 1 to "
          + MOST_MAX_PROCESSES);
    }
    return n;
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
