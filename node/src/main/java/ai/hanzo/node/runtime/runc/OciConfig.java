package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.VolumeMount;
import ai.hanzo.node.runtime.image.ImageUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code config.json} of an OCI bundle from a spec: runc's defaults (capabilities, masked paths, the
 * standard /proc, /dev and /sys mounts) plus the spec's argv, env, cwd, volumes, resources and network mode.
 */
final class OciConfig {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final long CPU_PERIOD_US = 100_000;
  private static final List<String> CAPABILITIES = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
  private static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
      "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
      "/proc/scsi");
  private static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
      "/proc/sysrq-trigger");

  private final ObjectMapper json = new ObjectMapper();
  private final boolean swapAccounting;
  /** Where the host's device files are: /dev, a directory of the test's own in tests. */
  private final Path devDir;

  /** {@code swapAccounting}: the host can limit memory+swap, so a memory limit also forbids swapping. */
  OciConfig(boolean swapAccounting) {
    this(swapAccounting, GpuDeviceNodes.hostDevDir());
  }

  OciConfig(boolean swapAccounting, Path devDir) {
    this.swapAccounting = swapAccounting;
    this.devDir = devDir;
  }

  ObjectNode build(String id, ContainerSpec spec, Map<String, Path> volumeSources) {
    return build(id, spec, volumeSources, ImageUser.ROOT);
  }

  /** {@code user}: who the process runs as (the image's User; root when it names none). */
  ObjectNode build(String id, ContainerSpec spec, Map<String, Path> volumeSources, ImageUser user) {
    ObjectNode config = json.createObjectNode().put("ociVersion", "1.0.2-dev");
    List<GpuDeviceNodes.Node> gpus = GpuDeviceNodes.of(devDir, spec.limits().gpus());
    config.set("process", process(spec, user));
    config.putObject("root").put("path", "rootfs").put("readonly", false);
    config.put("hostname", hostname(spec.name()));
    ArrayNode mounts = standardMounts();
    for (VolumeMount volume : spec.volumes()) {
      mounts.addObject().put("destination", volume.containerPath()).put("type", "bind")
          .put("source", volumeSources.get(volume.containerPath()).toString())
          .set("options", strings("rbind", volume.readOnly() ? "ro" : "rw"));
    }
    for (GpuDeviceNodes.Node gpu : gpus) {
      mounts.addObject().put("destination", gpu.containerPath()).put("type", "bind")
          .put("source", gpu.hostPath().toString()).set("options", strings("bind", "rw"));
    }
    config.set("mounts", mounts);
    ObjectNode annotations = config.putObject("annotations");
    new TreeMap<>(spec.labels()).forEach(annotations::put);
    config.set("linux", linux(id, spec, gpus));
    return config;
  }

  private ObjectNode process(ContainerSpec spec, ImageUser user) {
    ObjectNode process = json.createObjectNode().put("terminal", false);
    process.putObject("user").put("uid", user.uid()).put("gid", user.gid());
    process.set("args", strings(spec.argv().toArray(String[]::new)));
    ArrayNode env = process.putArray("env");
    if (!spec.env().containsKey("PATH")) {
      env.add("PATH=" + DEFAULT_PATH);
    }
    new TreeMap<>(spec.env()).forEach((key, value) -> env.add(key + "=" + value));
    if (!spec.limits().gpus().isEmpty() && !spec.env().containsKey("NVIDIA_VISIBLE_DEVICES")) {
      env.add("NVIDIA_VISIBLE_DEVICES=" + String.join(",", spec.limits().gpus()));
    }
    process.put("cwd", spec.workingDir().isEmpty() ? "/" : spec.workingDir());
    ObjectNode capabilities = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted", "ambient")) {
      capabilities.set(set, strings(CAPABILITIES.toArray(String[]::new)));
    }
    process.putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE").put("hard", 1024).put("soft", 1024);
    process.put("noNewPrivileges", true);
    return process;
  }

  private ObjectNode linux(String id, ContainerSpec spec, List<GpuDeviceNodes.Node> gpus) {
    ObjectNode linux = json.createObjectNode();
    ObjectNode resources = linux.putObject("resources");
    ArrayNode devices = resources.putArray("devices");
    devices.addObject().put("allow", false).put("access", "rwm");
    for (GpuDeviceNodes.Node gpu : gpus) {
      if (gpu.charDevice()) {
        devices.addObject().put("allow", true).put("type", "c").put("major", gpu.major()).put("minor", gpu.minor())
            .put("access", "rwm");
      }
    }
    ResourceLimits limits = spec.limits();
    if (limits.memoryBytes() > 0) {
      ObjectNode memory = resources.putObject("memory").put("limit", limits.memoryBytes());
      if (swapAccounting) {
        memory.put("swap", limits.memoryBytes());
      }
    }
    if (limits.nanoCpus() > 0) {
      resources.putObject("cpu").put("period", CPU_PERIOD_US)
          .put("quota", Math.max(1000, limits.nanoCpus() * CPU_PERIOD_US / 1_000_000_000L));
    }
    if (limits.pids() > 0) {
      resources.putObject("pids").put("limit", limits.pids());
    }
    // relative: runc places it below its own (the node's) cgroup, so the node's limits cover its containers
    linux.put("cgroupsPath", "hanzo-runc/" + id);
    ArrayNode namespaces = linux.putArray("namespaces");
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      namespaces.addObject().put("type", type);
    }
    if (spec.network() == NetworkMode.NONE) {
      namespaces.addObject().put("type", "network");
    }
    linux.set("maskedPaths", strings(MASKED.toArray(String[]::new)));
    linux.set("readonlyPaths", strings(READ_ONLY.toArray(String[]::new)));
    return linux;
  }

  private ArrayNode standardMounts() {
    ArrayNode mounts = json.createArrayNode();
    mount(mounts, "/proc", "proc", "proc");
    mount(mounts, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
    mount(mounts, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
        "gid=5");
    mount(mounts, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
    mount(mounts, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
    mount(mounts, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
    mount(mounts, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro");
    return mounts;
  }

  private void mount(ArrayNode mounts, String destination, String type, String source, String... options) {
    ObjectNode mount = mounts.addObject().put("destination", destination).put("type", type).put("source", source);
    if (options.length > 0) {
      mount.set("options", strings(options));
    }
  }

  private ArrayNode strings(String... values) {
    ArrayNode array = json.createArrayNode();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  private static String hostname(String name) {
    String host = name.replaceAll("[^A-Za-z0-9-]", "-");
    return host.length() > 63 ? host.substring(0, 63) : host;
  }
}
