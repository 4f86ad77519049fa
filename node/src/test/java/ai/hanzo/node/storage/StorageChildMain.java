package ai.hanzo.node.storage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The other process of the cross-process tests, started by {@link ChildJvm}. Every line it prints
 * for the test starts with a word the test waits for; anything else on stdout is log output.
 *
 * <ul>
 *   <li>{@code write-deployments <dataDir> <prefix>}: writes deployments forever, printing {@code
 *       ACK <id>} after each put returned
 *   <li>{@code hold-lock <dataDir>}: takes the data-dir lock, prints {@code LOCKED <pid>}, and
 *       releases it when stdin closes
 *   <li>{@code try-lock <dataDir>}: prints {@code ACQUIRED} or {@code REFUSED <message>}
 * </ul>
 */
public final class StorageChildMain {
  private StorageChildMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    Path dataDir = Path.of(args[1]);
    switch (args[0]) {
      case "write-deployments" -> writeDeployments(dataDir, args[2], out);
      case "hold-lock" -> holdLock(dataDir, out);
      case "try-lock" -> tryLock(dataDir, out);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void writeDeployments(Path dataDir, String prefix, PrintStream out) {
    try (DataDirLock lock = DataDirLock.acquire(dataDir);
        NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      for (long i = 0; ; i++) {
        String id = prefix + "-" + i;
        db.deployments().put(SampleRecords.deployment(id));
        out.println("ACK " + id);
        out.flush();
      }
    }
  }

  private static void holdLock(Path dataDir, PrintStream out) throws IOException {
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      out.println("LOCKED " + ProcessHandle.current().pid());
      out.flush();
      while (System.in.read() >= 0) {
        // hold the lock until the test closes our stdin
      }
    }
    out.println("RELEASED");
    out.flush();
  }

  private static void tryLock(Path dataDir, PrintStream out) {
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      out.println("ACQUIRED");
    } catch (StorageException e) {
      out.println("REFUSED " + e.getMessage());
    }
    out.flush();
  }
}
