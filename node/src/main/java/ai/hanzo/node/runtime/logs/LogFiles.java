package ai.hanzo.node.runtime.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Names of a container's log files: {@code container.log} is current, {@code container.log.N} are older. */
public record LogFiles(Path dir, LogRotation rotation) {
  public Path current() {
    return dir.resolve("container.log");
  }

  public Path rotated(int generation) {
    return dir.resolve("container.log." + generation);
  }

  /** The rotated files that exist, oldest first (the current file not included). */
  public List<Path> rotatedOldestFirst() {
    List<Path> files = new ArrayList<>();
    for (int generation = rotation.maxFiles() - 1; generation >= 1; generation--) {
      Path file = rotated(generation);
      if (Files.exists(file)) {
        files.add(file);
      }
    }
    return files;
  }
}
