package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Image names and what they point at, one small JSON file per canonical name under {@code <images>/refs/}, named
 * by the SHA-256 of the name so any name maps to a safe file name. Writes go through a temp file and a rename.
 */
final class ImageRecords {
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  ImageRecords(Path imagesRoot) {
    this.dir = imagesRoot.resolve("refs");
  }

  Optional<ImageRecord> find(ImageReference reference) {
    Path file = file(reference.canonical());
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  void put(ImageReference reference, ImageRecord record) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "ref", ".tmp");
      try {
        Files.writeString(temp, json.createObjectNode().put("name", reference.canonical())
            .put("manifest", record.manifest().toString()).put("config", record.config().toString())
            .put("size", record.size()).toString(), StandardCharsets.UTF_8);
        Files.move(temp, file(reference.canonical()), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot record image " + reference + ": "
          + e.getMessage(), e);
    }
  }

  boolean remove(ImageReference reference) {
    try {
      return Files.deleteIfExists(file(reference.canonical()));
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot remove image " + reference, e);
    }
  }

  List<ImageRecord> all() {
    List<ImageRecord> records = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return records;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        records.add(read(file));
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot list images in " + dir, e);
    }
    return records;
  }

  private ImageRecord read(Path file) {
    try {
      JsonNode node = json.readTree(file.toFile());
      return new ImageRecord(node.path("name").asText(), Digest.parse(node.path("manifest").asText()),
          Digest.parse(node.path("config").asText()), node.path("size").asLong());
    } catch (IOException | RuntimeException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "image record " + file + " is unreadable ("
          + e.getMessage() + "); remove it and pull the image again", e);
    }
  }

  private Path file(String canonical) {
    return dir.resolve(Digest.of(canonical.getBytes(StandardCharsets.UTF_8)).hex() + ".json");
  }
}
