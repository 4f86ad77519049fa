package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that every volume's host path lies inside the node's data dir, also after resolving symlinks. */
public final class VolumePaths {
  private VolumePaths() {}

  public static void check(ContainerSpec spec, Path dataDir) {
    Path root = realPath(dataDir.toAbsolutePath().normalize());
    for (VolumeMount volume : spec.volumes()) {
      if (volume.hostPath() == null || volume.containerPath() == null || !volume.containerPath().startsWith("/")) {
        throw ContainerRuntimeException.invalidSpec("volume " + volume + ": needs a host path and an absolute "
            + "container path");
      }
      if (Path.of(volume.containerPath()).normalize().toString().equals("/")
          || volume.containerPath().contains("..")) {
        throw ContainerRuntimeException.invalidSpec("volume container path '" + volume.containerPath()
            + "' must be an absolute path below / without '..'");
      }
      Path host = realPath(dataDir.resolve(volume.hostPath()).toAbsolutePath().normalize());
      if (!host.startsWith(root) || host.equals(root)) {
        throw ContainerRuntimeException.invalidSpec("volume host path '" + volume.hostPath()
            + "' is outside the data dir " + root + "; volumes must live inside it");
      }
    }
  }

  /** The real path of the longest existing prefix, so a symlink inside the data dir cannot point out of it. */
  private static Path realPath(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      throw ContainerRuntimeException.invalidSpec("cannot resolve volume path " + path + ": " + e.getMessage());
    }
  }
}
