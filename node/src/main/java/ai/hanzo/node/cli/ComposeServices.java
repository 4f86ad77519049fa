package ai.hanzo.node.cli;

import ai.hanzo.node.client.ComposeProject.Deploy;
import ai.hanzo.node.client.ComposeProject.Device;
import ai.hanzo.node.client.ComposeProject.Healthcheck;
import ai.hanzo.node.client.ComposeProject.Limits;
import ai.hanzo.node.client.ComposeProject.Service;
import ai.hanzo.node.client.NodeClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code services.*} entries of a Compose file. */
final class ComposeServices {
  static final int MAX_REPLICAS = NodeClient.MAX_REPLICAS;
  private static final Set<String> SERVICE = Set.of("image", "command", "entrypoint", "environment", "ports",
      "volumes", "networks", "deploy", "healthcheck", "restart", "pids_limit");
  private static final Set<String> DEPLOY = Set.of("replicas", "resources");
  private static final Set<String> RESOURCES = Set.of("limits", "reservations");
  private static final Set<String> LIMITS = Set.of("cpus", "memory", "pids");
  private static final Set<String> RESERVATIONS = Set.of("cpus", "memory", "pids", "devices");
  private static final Set<String> DEVICE = Set.of("driver", "count", "device_ids", "capabilities", "options");
  /** The most GPUs one request may count: more than any machine holds. */
  static final int MAX_GPUS = 64;
  /** The kernel's largest pid_max: the most a pids limit can say. */
  static final int MAX_PIDS = 4_194_304;
  private static final Set<String> HEALTHCHECK = Set.of("test", "interval", "timeout", "retries", "start_period");
  private static final Set<String> PORT = Set.of("target", "published", "protocol", "host_ip");
  private static final Set<String> VOLUME_MOUNT = Set.of("type", "source", "target", "read_only");
  private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");

  private ComposeServices() {}

  static Service service(ComposeNode node) {
    ComposeNode.Fields fields = node.fields(SERVICE);
    String image = fields.read("image", ComposeNode::text, "");
    List<String> command = fields.read("command", ComposeServices::command, List.of());
    List<String> entrypoint = fields.read("entrypoint", ComposeServices::command, List.of());
    Map<String, String> environment = fields.read("environment", ComposeServices::environment, Map.of());
    List<String> ports = fields.read("ports", value -> value.items().stream().map(ComposeServices::port).toList(),
        List.of());
    List<String> volumes = fields.read("volumes",
        value -> value.items().stream().map(ComposeServices::volumeMount).toList(), List.of());
    List<String> networks = fields.read("networks",
        value -> value.isList() ? value.textList() : networksByName(value), List.of());
    Deploy deploy = fields.read("deploy", ComposeServices::deploy, null);
    Deploy withPids = fields.read("pids_limit", value -> pidsLimit(value, deploy), deploy);
    Healthcheck healthcheck = fields.read("healthcheck", ComposeServices::healthcheck, null);
    String restart = fields.read("restart", ComposeServices::restart, "");
    if (image.isBlank()) {
      throw ComposeFileException.at(node.path() + ".image", "is required (building images is not supported)");
    }
    return new Service(image, command, entrypoint, environment, ports, volumes, networks, withPids, healthcheck,
        restart);
  }

  /**
   * The service-level {@code pids_limit}: the same limit as {@code deploy.resources.limits.pids}, which it may not
   * contradict.
   */
  private static Deploy pidsLimit(ComposeNode value, Deploy deploy) {
    long pids = value.count(MAX_PIDS);
    Limits limits = deploy == null || deploy.limits() == null ? new Limits("", "", 0) : deploy.limits();
    if (limits.pids() != 0 && limits.pids() != pids) {
      throw ComposeFileException.at(value.path(), pids + " contradicts deploy.resources.limits.pids ("
          + limits.pids() + ")");
    }
    Limits withPids = new Limits(limits.cpus(), limits.memory(), pids);
    return deploy == null ? new Deploy(0, withPids, null) : new Deploy(deploy.replicas(), withPids,
        deploy.reservations());
  }

  /** A command as a list, or as one string split like a shell would. */
  private static List<String> command(ComposeNode value) {
    return value.isList() ? value.textList() : ShellWords.split(value.text(), value.path());
  }

  private static Map<String, String> environment(ComposeNode value) {
    if (!value.isList()) {
      return value.entries(v -> {
        if (v.isNull()) {
          throw ComposeFileException.at(v.path(), "has no value (taking a value from the local environment is not"
              + " supported)");
        }
        return v.text();
      });
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (ComposeNode item : value.items()) {
      String entry = item.text();
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw ComposeFileException.at(item.path(), "expected KEY=VALUE, found '" + entry
            + "' (taking a value from the local environment is not supported)");
      }
      environment.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return Collections.unmodifiableMap(environment);
  }

  /** The short form as written; the long form becomes {@code [host_ip:][published:]target[/protocol]}. */
  private static String port(ComposeNode p) {
    if (!p.isMapping()) {
      return p.text();
    }
    ComposeNode.Fields port = p.fields(PORT);
    String target = port.read("target", ComposeNode::text, "");
    if (target.isEmpty()) {
      throw ComposeFileException.at(p.path() + ".target", "is required");
    }
    return port.read("host_ip", ip -> ip.text() + ":", "") + port.read("published", published -> published.text()
        + ":", "") + target + port.read("protocol", protocol -> "/" + protocol.text(), "");
  }

  /** The short form as written; the long form becomes {@code [source:]target[:ro]}. */
  private static String volumeMount(ComposeNode v) {
    if (!v.isMapping()) {
      return v.text();
    }
    ComposeNode.Fields mount = v.fields(VOLUME_MOUNT);
    mount.read("type", type -> {
      if (!type.text().equals("volume") && !type.text().equals("bind")) {
        throw ComposeFileException.at(type.path(), "'" + type.text() + "' is not supported (volume or bind)");
      }
      return type;
    }, null);
    String target = mount.read("target", ComposeNode::text, "");
    if (target.isEmpty()) {
      throw ComposeFileException.at(v.path() + ".target", "is required");
    }
    return mount.read("source", source -> source.text().isEmpty() ? "" : source.text() + ":", "") + target
        + (mount.read("read_only", ComposeNode::bool, false) ? ":ro" : "");
  }

  /** The mapping form of a service's networks; per-network settings (aliases, addresses) are not supported. */
  private static List<String> networksByName(ComposeNode value) {
    value.entries().forEach((name, settings) -> {
      if (!settings.isNull()) {
        settings.fields(Set.of());
      }
    });
    return List.copyOf(value.entries().keySet());
  }

  private static Deploy deploy(ComposeNode node) {
    ComposeNode.Fields deploy = node.fields(DEPLOY);
    ComposeNode.Fields resources = deploy.read("resources", value -> value.fields(RESOURCES),
        ComposeNode.Fields.NONE);
    return new Deploy(deploy.read("replicas", value -> value.count(MAX_REPLICAS), 0),
        resources.read("limits", ComposeServices::limits, null),
        resources.read("reservations", ComposeServices::reservations, null));
  }

  /** Reservations are limits plus the GPUs asked for ({@code devices}). */
  private static Limits reservations(ComposeNode node) {
    ComposeNode.Fields fields = node.fields(RESERVATIONS);
    Limits limits = limits(fields);
    return new Limits(limits.cpus(), limits.memory(), limits.pids(), fields.read("devices",
        value -> value.items().stream().map(ComposeServices::device).toList(), List.of()));
  }

  /**
   * One GPU request: driver nvidia, count (a number or {@code all}) or device_ids but not both, capabilities [gpu];
   * what the node cannot give (another driver, no gpu capability) is refused here already.
   */
  private static Device device(ComposeNode node) {
    ComposeNode.Fields fields = node.fields(DEVICE);
    String driver = fields.read("driver", ComposeNode::text, "");
    if (!driver.isEmpty() && !driver.equals("nvidia")) {
      throw ComposeFileException.at(node.path() + ".driver", "'" + driver + "' is not supported (only nvidia)");
    }
    List<String> capabilities = fields.read("capabilities", ComposeNode::textList, List.of());
    if (!capabilities.contains("gpu")) {
      throw ComposeFileException.at(node.path() + ".capabilities", "must include gpu");
    }
    Integer count = fields.read("count",
        value -> "all".equals(value.text()) ? Integer.valueOf(-1) : Integer.valueOf(value.count(MAX_GPUS)), null);
    List<String> ids = fields.read("device_ids", ComposeNode::textList, List.of());
    if (count != null && !ids.isEmpty()) {
      throw ComposeFileException.at(node.path(), "has both count and device_ids: give one of them");
    }
    if (count != null && count == 0) {
      throw ComposeFileException.at(node.path() + ".count", "must be at least 1 (or all)");
    }
    return new Device(driver, count == null ? (ids.isEmpty() ? -1 : 0) : count, ids, capabilities);
  }

  private static Limits limits(ComposeNode node) {
    return limits(node.fields(LIMITS));
  }

  private static Limits limits(ComposeNode.Fields limits) {
    return new Limits(limits.read("cpus", ComposeNode::text, ""), limits.read("memory", ComposeNode::text, ""),
        limits.read("pids", value -> (long) value.count(MAX_PIDS), 0L));
  }

  private static Healthcheck healthcheck(ComposeNode node) {
    ComposeNode.Fields check = node.fields(HEALTHCHECK);
    // A string test runs through the container's shell, as Compose's CMD-SHELL form.
    return new Healthcheck(check.read("test",
        value -> value.isList() ? value.textList() : List.of("CMD-SHELL", value.text()), List.of()),
        check.read("interval", ComposeNode::text, ""), check.read("timeout", ComposeNode::text, ""),
        check.read("retries", value -> value.count(Integer.MAX_VALUE), 0),
        check.read("start_period", ComposeNode::text, ""));
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
