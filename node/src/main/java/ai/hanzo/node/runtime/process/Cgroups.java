package ai.hanzo.node.runtime.process;

import ai.hanzo.node.runtime.ResourceLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-container cgroups for the process runtime. On v1 each container gets {@code <controller>/<node's own
 * cgroup>/hanzo/<id>} for memory, cpu, cpuacct and pids — nested under the node's cgroup so whatever limits the node
 * itself also covers its containers. On v2 it gets {@code hanzo/<id>} below the root (v2 forbids enabling
 * controllers under a cgroup that holds processes, which the node's own cgroup does).
 */
final class Cgroups {
  private static final List<String> V1_CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids");
  private static final long CPU_PERIOD_US = 100_000;

  private final Path mountRoot;
  private final Path selfCgroup;

  Cgroups(Path mountRoot, Path selfCgroup) {
    this.mountRoot = mountRoot;
    this.selfCgroup = selfCgroup;
  }

  CgroupVersion version() {
    if (Files.exists(mountRoot.resolve("cgroup.controllers"))) {
      return CgroupVersion.V2;
    }
    if (Files.exists(mountRoot.resolve("memory").resolve("memory.limit_in_bytes"))) {
      return CgroupVersion.V1;
    }
    return CgroupVersion.NONE;
  }

  /** Creates the container's cgroups with {@code limits}; returns their directories. Fails with a readable reason. */
  List<Path> create(String id, ResourceLimits limits) throws IOException {
    return switch (version()) {
      case V1 -> createV1(id, limits);
      case V2 -> createV2(id, limits);
      case NONE -> throw new IOException("no cgroup v1 memory hierarchy and no cgroup v2 tree under " + mountRoot);
    };
  }

  private List<Path> createV1(String id, ResourceLimits limits) throws IOException {
    Map<String, String> own = ownV1Paths();
    List<Path> dirs = new ArrayList<>();
    try {
      for (String controller : V1_CONTROLLERS) {
        Path parent = mountRoot.resolve(controller).resolve(stripSlash(own.getOrDefault(controller, "/")));
        Path dir = parent.resolve("hanzo").resolve(id);
        Files.createDirectories(dir);
        dirs.add(dir);
      }
      Path memory = dirs.get(0);
      if (limits.memoryBytes() > 0) {
        write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
          // without this the kernel swaps instead of OOM-killing, and the limit does not bound the process
          write(memory.resolve("memory.memsw.limit_in_bytes"), limits.memoryBytes());
        }
      }
      if (limits.nanoCpus() > 0) {
        write(dirs.get(1).resolve("cpu.cfs_period_us"), CPU_PERIOD_US);
        write(dirs.get(1).resolve("cpu.cfs_quota_us"), quotaMicros(limits.nanoCpus()));
      }
      if (limits.pids() > 0) {
        write(dirs.get(3).resolve("pids.max"), limits.pids());
      }
      return dirs;
    } catch (IOException e) {
      remove(dirs);
      throw e;
    }
  }

  private List<Path> createV2(String id, ResourceLimits limits) throws IOException {
    Path base = mountRoot.resolve("hanzo");
    Files.createDirectories(base);
    Files.writeString(mountRoot.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
    Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
    Path dir = base.resolve(id);
    Files.createDirectories(dir);
    try {
      if (limits.memoryBytes() > 0) {
        write(dir.resolve("memory.max"), limits.memoryBytes());
        write(dir.resolve("memory.swap.max"), 0);
      }
      if (limits.nanoCpus() > 0) {
        Files.writeString(dir.resolve("cpu.max"), quotaMicros(limits.nanoCpus()) + " " + CPU_PERIOD_US);
      }
      if (limits.pids() > 0) {
        write(dir.resolve("pids.max"), limits.pids());
      }
      return List.of(dir);
    } catch (IOException e) {
      remove(List.of(dir));
      throw e;
    }
  }

  CgroupUsage usage(List<Path> dirs) throws IOException {
    if (dirs.size() == 1) {
      Path dir = dirs.get(0);
      long cpuMicros = 0;
      for (String line : Files.readAllLines(dir.resolve("cpu.stat"))) {
        if (line.startsWith("usage_usec ")) {
          cpuMicros = Long.parseLong(line.substring("usage_usec ".length()).strip());
        }
      }
      return new CgroupUsage(cpuMicros * 1000, read(dir.resolve("memory.current")), read(dir.resolve("pids.current")));
    }
    return new CgroupUsage(read(dirs.get(2).resolve("cpuacct.usage")), read(dirs.get(0).resolve("memory.usage_in_bytes")),
        read(dirs.get(3).resolve("pids.current")));
  }

  /** The pids in the container's cgroups (its first directory lists them all). */
  List<Long> members(List<Path> dirs) {
    try {
      return Files.readAllLines(dirs.get(0).resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
          .map(line -> Long.parseLong(line.strip())).toList();
    } catch (IOException | NumberFormatException e) {
      return List.of();
    }
  }

  /** Removes the cgroups (the kernel refuses while processes remain in them; that is reported, not thrown). */
  List<String> remove(List<Path> dirs) {
    List<String> failures = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        failures.add(dir + ": " + e.getMessage());
      }
    }
    return failures;
  }

  private Map<String, String> ownV1Paths() throws IOException {
    Map<String, String> paths = new HashMap<>();
    if (!Files.exists(selfCgroup)) {
      return paths;
    }
    for (String line : Files.readAllLines(selfCgroup)) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3) {
        for (String controller : parts[1].split(",")) {
          paths.put(controller, parts[2]);
        }
      }
    }
    return paths;
  }

  private static long quotaMicros(long nanoCpus) {
    return Math.max(1000, nanoCpus * CPU_PERIOD_US / 1_000_000_000L);
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static void write(Path file, long value) throws IOException {
    Files.writeString(file, Long.toString(value));
  }

  private static long read(Path file) throws IOException {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (NumberFormatException e) {
      throw new UncheckedIOException(new IOException(file + " does not hold a number", e));
    }
  }
}
