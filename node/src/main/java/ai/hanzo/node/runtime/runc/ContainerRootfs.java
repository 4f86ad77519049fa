package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each runc container its root filesystem at {@code <container>/bundle/rootfs}: a kernel overlay mount with
 * the image's unpacked rootfs as the read-only lower dir and {@code <container>/overlay/{upper,work}} for the
 * container's writes, or a full copy where overlay mounts are refused. The image rootfs already has the layers'
 * whiteouts applied, so a file deleted by an upper layer is absent in both modes alike. Which mode a container uses
 * is written in its directory ({@code overlay/lower} exists only for overlay containers), so a node that restarts
 * in the other mode still mounts, unmounts and deletes each container correctly.
 */
final class ContainerRootfs {
  private static final Logger log = LoggerFactory.getLogger(ContainerRootfs.class);
  private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(5);

  private final boolean overlay;

  private ContainerRootfs(boolean overlay) {
    this.overlay = overlay;
  }

  /** Decides the mode once: {@code AUTO} mounts a tiny overlay under {@code scratch} to see if the kernel allows it. */
  static ContainerRootfs choose(RootfsMode mode, Path scratch) {
    boolean overlay = switch (mode) {
      case COPY -> false;
      case OVERLAY -> true;
      case AUTO -> OverlayProbe.works(scratch);
    };
    log.info("runc containers get their rootfs by {}", overlay ? "overlay mount" : "copying the image (cp -a)");
    return new ContainerRootfs(overlay);
  }

  /** What availability and the logs say about the mode. */
  String describe() {
    return overlay ? "rootfs by overlay mount" : "rootfs by copy";
  }

  /** Prepares {@code <containerDir>/bundle/rootfs} from the image rootfs {@code image}. */
  void prepare(Path containerDir, Path image) throws IOException {
    Path target = containerDir.resolve("bundle").resolve("rootfs");
    if (overlay && OverlayMount.usable(image, containerDir)) {
      Path layers = containerDir.resolve("overlay");
      Files.createDirectories(layers.resolve("upper"));
      Files.createDirectories(layers.resolve("work"));
      Files.createDirectories(target);
      Files.writeString(layers.resolve("lower"), image.toAbsolutePath().normalize().toString());
      OverlayMount.mount(image, layers, target);
    } else {
      Files.createDirectories(target.getParent());
      HostCommand.check(List.of("cp", "-a", image.toString(), target.toString()), COPY_TIMEOUT);
    }
  }

  /**
   * Mounts an overlay container's rootfs again if it is not mounted (the host rebooted since it was created);
   * nothing for a mounted or a copied rootfs, so re-adopting a container never stacks a second mount.
   */
  void ensureMounted(Path containerDir) throws IOException {
    Path layers = containerDir.resolve("overlay");
    Path target = containerDir.resolve("bundle").resolve("rootfs");
    if (!Files.isRegularFile(layers.resolve("lower")) || MountTable.isMountPoint(target)) {
      return;
    }
    Path image = Path.of(Files.readString(layers.resolve("lower")).strip());
    if (!Files.isDirectory(image)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "the image rootfs " + image + " of this "
          + "container is gone; remove the container and create it again");
    }
    OverlayMount.mount(image, layers, target);
  }

  /** Unmounts the container's rootfs if mounted; throws when that fails, so its files are never deleted below it. */
  void release(Path containerDir) {
    Path target = containerDir.resolve("bundle").resolve("rootfs");
    if (Files.isDirectory(target) && MountTable.isMountPoint(target)) {
      HostCommand.Result result = HostCommand.run(List.of("umount", target.toString()), MOUNT_TIMEOUT);
      if (!result.ok() && MountTable.isMountPoint(target)) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot unmount the rootfs " + target + ": "
            + result.message() + "; unmount it, then remove the container again");
      }
    }
  }

  /** Releases and deletes a rootfs that {@link #prepare} left half made. */
  void discard(Path containerDir) {
    release(containerDir);
    ContainerDirectories.deleteTree(containerDir.resolve("bundle"));
    ContainerDirectories.deleteTree(containerDir.resolve("overlay"));
  }

  /** The overlay mount itself. */
  static final class OverlayMount {
    private OverlayMount() {}

    /** The kernel's option syntax cannot carry these characters in a directory name. */
    static boolean usable(Path image, Path containerDir) {
      String paths = image.toAbsolutePath() + "\n" + containerDir.toAbsolutePath();
      return paths.chars().noneMatch(c -> c == ',' || c == ':' || c == '\\');
    }

    static void mount(Path lower, Path layers, Path target) {
      String options = "lowerdir=" + lower.toAbsolutePath().normalize() + ",upperdir="
          + layers.resolve("upper").toAbsolutePath().normalize() + ",workdir="
          + layers.resolve("work").toAbsolutePath().normalize();
      HostCommand.check(List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()),
          MOUNT_TIMEOUT);
    }
  }

  /** Mounts a one-file overlay in a scratch directory and reads the file through it. */
  static final class OverlayProbe {
    private OverlayProbe() {}

    static boolean works(Path scratch) {
      Path dir = scratch.resolve("overlay-probe");
      Path merged = dir.resolve("merged");
      try {
        ContainerDirectories.deleteTree(dir);
        Files.createDirectories(dir.resolve("lower"));
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(merged);
        Files.writeString(dir.resolve("lower").resolve("probe"), "overlay");
        if (!OverlayMount.usable(dir, dir)) {
          log.info("overlay mounts are not used: the data dir path {} contains ',', ':' or '\\'", scratch);
          return false;
        }
        HostCommand.Result result = HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o",
            "lowerdir=" + dir.resolve("lower") + ",upperdir=" + dir.resolve("upper") + ",workdir="
                + dir.resolve("work"), merged.toString()), MOUNT_TIMEOUT);
        if (!result.ok()) {
          log.info("the kernel refused an overlay mount ({}); runc containers get copies", result.message());
          return false;
        }
        try {
          return "overlay".equals(Files.readString(merged.resolve("probe")));
        } finally {
          HostCommand.run(List.of("umount", merged.toString()), MOUNT_TIMEOUT);
        }
      } catch (IOException | RuntimeException e) {
        log.info("cannot probe overlay mounts ({}); runc containers get copies", e.getMessage());
        return false;
      } finally {
        if (!MountTable.isMountPoint(merged)) {
          ContainerDirectories.deleteTree(dir);
        }
      }
    }
  }
}
