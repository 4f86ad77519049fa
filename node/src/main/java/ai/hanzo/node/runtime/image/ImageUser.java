package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The numeric uid/gid an image's {@code User} ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid})
 * runs as. Names are looked up in the image's own /etc/passwd and /etc/group, read through {@link RootfsPaths} so a
 * hostile image cannot point the lookup at the host's files.
 */
public record ImageUser(long uid, long gid) {
  public static final ImageUser ROOT = new ImageUser(0, 0);

  public static ImageUser resolve(String user, Path rootfs) {
    if (user == null || user.isBlank()) {
      return ROOT;
    }
    String[] parts = user.split(":", 2);
    Optional<String[]> passwd = entry(rootfs, "passwd", parts[0], false);
    long uid = number(parts[0]).orElseGet(() -> passwd.map(p -> Long.parseLong(p[2])).orElseThrow(() ->
        ContainerRuntimeException.invalidSpec("image user '" + parts[0] + "' is not in the image's /etc/passwd")));
    long gid;
    if (parts.length == 2) {
      gid = number(parts[1]).orElseGet(() -> entry(rootfs, "group", parts[1], false).map(g -> Long.parseLong(g[2]))
          .orElseThrow(() -> ContainerRuntimeException.invalidSpec("image group '" + parts[1]
              + "' is not in the image's /etc/group")));
    } else {
      Optional<String[]> byUid = passwd.isPresent() ? passwd : entry(rootfs, "passwd", Long.toString(uid), true);
      gid = byUid.filter(p -> p[3].matches("[0-9]{1,10}")).map(p -> Long.parseLong(p[3])).orElse(0L);
    }
    return new ImageUser(uid, gid);
  }

  private static Optional<Long> number(String text) {
    return text.matches("[0-9]{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
  }

  /** The line of /etc/{file} whose name (or, {@code byId}, numeric id) is {@code key}. */
  private static Optional<String[]> entry(Path rootfs, String file, String key, boolean byId) {
    try {
      Path path = new RootfsPaths(rootfs).resolveFile(List.of("etc", file));
      if (path == null || Files.size(path) > (1 << 20)) {
        return Optional.empty();
      }
      int match = byId ? 2 : 0;
      for (String line : Files.readAllLines(path)) {
        String[] fields = line.split(":", -1);
        if (fields.length >= 4 && fields[match].equals(key) && fields[2].matches("[0-9]{1,10}")) {
          return Optional.of(fields);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
