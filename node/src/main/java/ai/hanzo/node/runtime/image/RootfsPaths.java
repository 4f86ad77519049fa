package ai.hanzo.node.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves layer member names inside a root filesystem the way the container will see them: symlinks met on the
 * way are followed as if the rootfs were {@code /} (an absolute target or too many {@code ..} stays inside), so no
 * member can be written outside the rootfs whatever links earlier members planted.
 */
final class RootfsPaths {
  private static final int MAX_LINKS = 40;

  private final Path root;

  RootfsPaths(Path root) {
    this.root = root;
  }

  /** The clean relative components of a member name; {@code ..} anywhere is refused. */
  static List<String> components(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new ImageFormatException("layer member '" + name + "' contains '..'; refusing to unpack it");
      }
      parts.add(part);
    }
    return parts;
  }

  /**
   * The host path of the member's parent directory, followed through symlinks and created when missing, joined
   * with the last component (which is never followed: the caller replaces it).
   */
  Path resolveForWrite(List<String> parts, boolean createParents) throws IOException {
    Path parent = resolveDirectory(parts.subList(0, parts.size() - 1), createParents);
    return parent == null ? null : parent.resolve(parts.get(parts.size() - 1));
  }

  /** The host path of a directory, or null when missing and not to be created. */
  Path resolveDirectory(List<String> parts, boolean create) throws IOException {
    return resolve(parts, create, false);
  }

  /** The host path of an existing regular file, links followed inside the root, or null when there is none. */
  Path resolveFile(List<String> parts) throws IOException {
    Path file = resolve(parts, false, true);
    return file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
  }

  private Path resolve(List<String> parts, boolean create, boolean fileAtEnd) throws IOException {
    Deque<String> todo = new ArrayDeque<>(parts);
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path current = join(resolved).resolve(part);
      if (Files.isSymbolicLink(current)) {
        if (++links > MAX_LINKS) {
          throw new ImageFormatException("too many levels of symbolic links below " + join(resolved));
        }
        String target = Files.readSymbolicLink(current).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        String[] targetParts = target.split("/");
        for (int i = targetParts.length - 1; i >= 0; i--) {
          todo.addFirst(targetParts[i]);
        }
        continue;
      }
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        if (!create) {
          return null;
        }
        Files.createDirectory(current);
      } else if (fileAtEnd && todo.isEmpty()) {
        resolved.add(part);
        continue;
      } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new ImageFormatException("layer needs '" + root.relativize(current) + "' to be a directory, but it "
            + "is a file");
      }
      resolved.add(part);
    }
    return join(resolved);
  }

  private Path join(List<String> parts) {
    Path path = root;
    for (String part : parts) {
      path = path.resolve(part);
    }
    return path;
  }
}
