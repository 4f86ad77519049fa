package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Images as unpacked root filesystems under {@code <images>/<sha256 of the name>/rootfs}, with the name kept next
 * to it. This slice imports plain rootfs tarballs; registry pulls and OCI archives come later.
 */
public final class LocalImageStore {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,200}(:[A-Za-z0-9_.-]{1,128})?");
  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(10);

  private final Path root;

  public LocalImageStore(Path root) {
    this.root = root;
  }

  /** Unpacks a tar of a root filesystem as image {@code name}, replacing an image of that name. */
  public Path importRootfsTar(String name, Path tar) {
    checkName(name);
    if (!Files.isRegularFile(tar)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no tar file at " + tar);
    }
    Path dir = dir(name);
    Path staging = root.resolve(dir.getFileName() + ".importing");
    try {
      ContainerDirectories.deleteTree(staging);
      Files.createDirectories(staging.resolve("rootfs"));
      // GNU tar drops leading '/' and refuses members with '..', so a hostile tar cannot write outside staging
      HostCommand.Result result = HostCommand.run(List.of("tar", "-x", "--numeric-owner", "-f",
          tar.toAbsolutePath().toString(), "-C", staging.resolve("rootfs").toString()), TAR_TIMEOUT);
      if (!result.ok()) {
        throw new ContainerRuntimeException(RuntimeErrorCode.INVALID_SPEC, "cannot unpack " + tar
            + " as a root filesystem: " + result.message());
      }
      Files.writeString(staging.resolve("name"), name, StandardCharsets.UTF_8);
      ContainerDirectories.deleteTree(dir);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      return dir.resolve("rootfs");
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot import image " + name + ": "
          + e.getMessage(), e);
    } finally {
      ContainerDirectories.deleteTree(staging);
    }
  }

  /** The root filesystem of image {@code name}, if it was imported. */
  public Optional<Path> rootfs(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path rootfs = dir(name).resolve("rootfs");
    return Files.isDirectory(rootfs) ? Optional.of(rootfs) : Optional.empty();
  }

  public List<String> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        Path nameFile = dir.resolve("name");
        if (Files.isRegularFile(nameFile)) {
          names.add(Files.readString(nameFile, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot list images in " + root, e);
    }
    return names;
  }

  public void remove(String name) {
    if (rootfs(name).isEmpty()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no image named '" + name + "'");
    }
    ContainerDirectories.deleteTree(dir(name));
  }

  private void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ContainerRuntimeException.invalidSpec("image name '" + name + "' is not valid (lower-case "
          + "repository like 'library/busybox', optional ':tag')");
    }
  }

  private Path dir(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return root.resolve(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
