package ai.hanzo.node.runtime;

import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Builds a root filesystem tar from the host's static busybox (package busybox-static), the way
 * docs/RUNTIMES.md describes: no registry needed.
 */
public final class BusyboxImage {
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  private BusyboxImage() {}

  public static boolean hostHasBusybox() {
    return Files.isExecutable(BUSYBOX);
  }

  /**
   * Writes a docker-archive (what {@code docker save} writes: manifest.json, an image config and one layer) of the
   * busybox rootfs, tagged {@code tag}, into {@code workDir}; engines load it without any registry.
   */
  public static Path buildDockerArchive(Path workDir, String tag) throws IOException {
    Path archive = workDir.resolve("archive");
    Files.createDirectories(archive);
    Path layer = Files.move(buildTar(workDir), archive.resolve("layer.tar"));
    String diffId;
    try {
      diffId = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(layer)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Files.writeString(archive.resolve("config.json"), "{\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}");
    Files.writeString(archive.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag
        + "\"],\"Layers\":[\"layer.tar\"]}]");
    Path tar = workDir.resolve("busybox-docker-archive.tar");
    HostCommand.check(List.of("tar", "-C", archive.toString(), "-cf", tar.toString(), "manifest.json",
        "config.json", "layer.tar"), Duration.ofSeconds(30));
    ContainerDirectories.deleteTree(archive);
    return tar;
  }

  /** Writes {@code busybox-rootfs.tar} into {@code workDir} and returns it. */
  public static Path buildTar(Path workDir) throws IOException {
    Path rootfs = workDir.resolve("busybox-rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.createDirectories(rootfs.resolve("tmp"));
    Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
    HostCommand.check(List.of("chroot", rootfs.toString(), "/bin/busybox", "--install", "-s", "/bin"),
        Duration.ofSeconds(30));
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Path tar = workDir.resolve("busybox-rootfs.tar");
    HostCommand.check(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."), Duration.ofSeconds(30));
    ContainerDirectories.deleteTree(rootfs);
    return tar;
  }
}
