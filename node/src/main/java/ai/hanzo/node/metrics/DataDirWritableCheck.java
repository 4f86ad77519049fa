package ai.hanzo.node.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** UNHEALTHY when the node cannot create a file in its data directory (full disk, read-only remount, ...). */
public final class DataDirWritableCheck implements HealthCheck {
  private final Path dataDir;

  public DataDirWritableCheck(Path dataDir) {
    this.dataDir = dataDir;
  }

  @Override
  public String name() {
    return "data-dir";
  }

  @Override
  public Result check() {
    try {
      Path probe = Files.createTempFile(dataDir, ".health", ".tmp");
      Files.delete(probe);
      return Result.healthy();
    } catch (IOException | UnsupportedOperationException e) {
      return new Result(HealthLevel.UNHEALTHY, "data directory " + dataDir + " is not writable: " + e.getMessage());
    }
  }
}
