package ai.hanzo.node.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code <data-dir>/ports.json}: the ports the node really bound (after port 0), so scripts and tests can find it.
 * Written atomically (temp file + rename) so a reader never sees half a file.
 */
final class PortsFile {
  static final String NAME = "ports.json";

  private PortsFile() {}

  static void write(Path dataDir, Map<String, Integer> ports) throws IOException {
    StringJoiner json = new StringJoiner(", ", "{", "}\n");
    ports.forEach((name, port) -> json.add("\"" + name + "\": " + port));
    Path tmp = dataDir.resolve(NAME + ".tmp");
    Files.writeString(tmp, json.toString());
    Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void delete(Path dataDir) throws IOException {
    Files.deleteIfExists(dataDir.resolve(NAME));
  }
}
