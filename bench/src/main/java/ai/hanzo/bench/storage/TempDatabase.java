package ai.hanzo.bench.storage;

import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A node database in a fresh temporary directory, deleted again on close. */
final class TempDatabase implements AutoCloseable {
  private final Path dataDir;
  private final NodeDatabase database;

  private TempDatabase(Path dataDir, NodeDatabase database) {
    this.dataDir = dataDir;
    this.database = database;
  }

  static TempDatabase open(boolean syncWrites) {
    try {
      Path dataDir = Files.createTempDirectory("hanzo-bench-storage");
      StorageOptions options = StorageOptions.defaults(dataDir).withSyncWrites(syncWrites);
      return new TempDatabase(dataDir, NodeDatabase.open(options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NodeDatabase db() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
