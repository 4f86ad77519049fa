package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.HealthcheckSpec;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import java.util.List;
import java.util.Set;

/** The {@code services.*} entries of a Compose file. */
final class ComposeServices {
  static final int MAX_REPLICAS = NodeClient.MAX_REPLICAS;
  private static final Set<String> SERVICE = Set.of("image", "command", "entrypoint", "environment", "ports",
      "volumes", "networks", "deploy", "healthcheck", "restart", "pids_limit");
  private static final Set<String> DEPLOY = Set.of("replicas", "resources");
  private static final Set<String> RESOURCES = Set.of("limits", "reservations");
  private static final Set<String> LIMITS = Set.of("cpus", "memory", "pids");
  /** The kernel's largest pid_max: the most a pids limit can say. */
  static final int MAX_PIDS = 4_194_304;
  private static final Set<String> HEALTHCHECK = Set.of("test", "interval", "timeout", "retries", "start_period");
  private static final Set<String> PORT = Set.of("target", "published", "protocol", "host_ip");
  private static final Set<String> VOLUME_MOUNT = Set.of("type", "source", "target", "read_only");
  private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");

  private ComposeServices() {}

  static ServiceSpec service(ComposeNode node) {
    ServiceSpec.Builder s = ServiceSpec.newBuilder();
    ComposeNode[] pidsLimit = {null};
    node.forEachField(SERVICE, (key, value) -> {
      switch (key) {
        case "image" -> s.setImage(value.text());
        case "command" -> s.addAllCommand(command(value));
        case "entrypoint" -> s.addAllEntrypoint(command(value));
        case "environment" -> environment(value, s);
        case "ports" -> value.items().forEach(p -> s.addPorts(port(p)));
        case "volumes" -> value.items().forEach(v -> s.addVolumes(volumeMount(v)));
        case "networks" -> s.addAllNetworks(value.isList() ? value.textList() : networksByName(value));
        case "deploy" -> s.setDeploy(deploy(value));
        case "healthcheck" -> s.setHealthcheck(healthcheck(value));
        case "restart" -> s.setRestart(restart(value));
        case "pids_limit" -> pidsLimit[0] = value;
        default -> throw new IllegalStateException(key);
      }
    });
    if (pidsLimit[0] != null) {
      pidsLimit(pidsLimit[0], s);
    }
    if (s.getImage().isBlank()) {
      throw ComposeFileException.at(node.path() + ".image", "is required (building images is not supported)");
    }
    return s.build();
  }

  /** The service-level {@code pids_limit}: the same limit as {@code deploy.resources.limits.pids}, which it may not contradict. */
  private static void pidsLimit(ComposeNode value, ServiceSpec.Builder s) {
    long pids = value.count(MAX_PIDS);
    long deployPids = s.getDeploy().getResources().getLimits().getPids();
    if (deployPids != 0 && deployPids != pids) {
      throw ComposeFileException.at(value.path(), pids + " contradicts deploy.resources.limits.pids (" + deployPids
          + ")");
    }
    DeploySpec.Builder deploy = s.getDeploy().toBuilder();
    deploy.getResourcesBuilder().getLimitsBuilder().setPids(pids);
    s.setDeploy(deploy);
  }

  /** A command as a list, or as one string split like a shell would. */
  private static List<String> command(ComposeNode value) {
    return value.isList() ? value.textList() : ShellWords.split(value.text(), value.path());
  }

  private static void environment(ComposeNode value, ServiceSpec.Builder s) {
    if (value.isList()) {
      for (ComposeNode item : value.items()) {
        String entry = item.text();
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          throw ComposeFileException.at(item.path(), "expected KEY=VALUE, found '" + entry
              + "' (taking a value from the local environment is not supported)");
        }
        s.putEnvironment(entry.substring(0, eq), entry.substring(eq + 1));
      }
      return;
    }
    value.entries().forEach((key, v) -> {
      if (v.isNull()) {
        throw ComposeFileException.at(v.path(), "has no value (taking a value from the local environment is not"
            + " supported)");
      }
      s.putEnvironment(key, v.text());
    });
  }

  /** The short form as written; the long form becomes {@code [host_ip:][published:]target[/protocol]}. */
  private static String port(ComposeNode p) {
    if (!p.isMapping()) {
      return p.text();
    }
    StringBuilder[] parts = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
    p.forEachField(PORT, (key, v) -> parts[List.of("host_ip", "published", "target", "protocol").indexOf(key)]
        .append(v.text()));
    if (parts[2].isEmpty()) {
      throw ComposeFileException.at(p.path() + ".target", "is required");
    }
    return (parts[0].isEmpty() ? "" : parts[0] + ":") + (parts[1].isEmpty() ? "" : parts[1] + ":") + parts[2]
        + (parts[3].isEmpty() ? "" : "/" + parts[3]);
  }

  /** The short form as written; the long form becomes {@code [source:]target[:ro]}. */
  private static String volumeMount(ComposeNode v) {
    if (!v.isMapping()) {
      return v.text();
    }
    String[] source = {""};
    String[] target = {""};
    boolean[] readOnly = {false};
    v.forEachField(VOLUME_MOUNT, (key, value) -> {
      switch (key) {
        case "type" -> {
          String type = value.text();
          if (!type.equals("volume") && !type.equals("bind")) {
            throw ComposeFileException.at(value.path(), "'" + type + "' is not supported (volume or bind)");
          }
        }
        case "source" -> source[0] = value.text();
        case "target" -> target[0] = value.text();
        default -> readOnly[0] = value.bool();
      }
    });
    if (target[0].isEmpty()) {
      throw ComposeFileException.at(v.path() + ".target", "is required");
    }
    return (source[0].isEmpty() ? "" : source[0] + ":") + target[0] + (readOnly[0] ? ":ro" : "");
  }

  /** The mapping form of a service's networks; per-network settings (aliases, addresses) are not supported. */
  private static List<String> networksByName(ComposeNode value) {
    value.entries().forEach((name, settings) -> {
      if (!settings.isNull()) {
        settings.forEachField(Set.of(), (k, v) -> { });
      }
    });
    return List.copyOf(value.entries().keySet());
  }

  private static DeploySpec deploy(ComposeNode node) {
    DeploySpec.Builder d = DeploySpec.newBuilder();
    node.forEachField(DEPLOY, (key, value) -> {
      if (key.equals("replicas")) {
        d.setReplicas(value.count(MAX_REPLICAS));
      } else {
        ResourceSpec.Builder r = ResourceSpec.newBuilder();
        value.forEachField(RESOURCES, (kind, limits) -> {
          ResourceLimits l = limits(limits);
          if (kind.equals("limits")) {
            r.setLimits(l);
          } else {
            r.setReservations(l);
          }
        });
        d.setResources(r);
      }
    });
    return d.build();
  }

  private static ResourceLimits limits(ComposeNode node) {
    ResourceLimits.Builder l = ResourceLimits.newBuilder();
    node.forEachField(LIMITS, (key, value) -> {
      if (key.equals("cpus")) {
        l.setCpus(value.text());
      } else if (key.equals("pids")) {
        l.setPids(value.count(MAX_PIDS));
      } else {
        l.setMemory(value.text());
      }
    });
    return l.build();
  }

  private static HealthcheckSpec healthcheck(ComposeNode node) {
    HealthcheckSpec.Builder h = HealthcheckSpec.newBuilder();
    node.forEachField(HEALTHCHECK, (key, value) -> {
      switch (key) {
        // A string test runs through the container's shell, as Compose's CMD-SHELL form.
        case "test" -> h.addAllTest(value.isList() ? value.textList() : List.of("CMD-SHELL", value.text()));
        case "interval" -> h.setInterval(value.text());
        case "timeout" -> h.setTimeout(value.text());
        case "retries" -> h.setRetries(value.count(Integer.MAX_VALUE));
        default -> h.setStartPeriod(value.text());
      }
    });
    return h.build();
  }

  private static String restart(ComposeNode value) {
    String policy = value.text();
    String base = policy.startsWith("on-failure:") ? "on-failure" : policy;
    if (!RESTART.contains(base)) {
      throw ComposeFileException.at(value.path(), "'" + policy
          + "' is not a restart policy (no, always, on-failure[:N], unless-stopped)");
    }
    return policy;
  }
}
