package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.logs.LogFiles;
import ai.hanzo.node.runtime.logs.LogRotation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * One directory per container under {@code <root>/containers/<id>/}: {@code container.json}, the two named pipes
 * its output goes through, the {@code exitcode} the shim writes, and (unless the spec names a log dir) its logs.
 */
public final class ContainerDirectories {
  private final Path containers;
  private final LogRotation rotation;
  private final ObjectMapper json = new ObjectMapper();

  public ContainerDirectories(Path root, LogRotation rotation) {
    this.containers = root.resolve("containers");
    this.rotation = rotation;
  }

  public Path dir(String id) {
    return containers.resolve(id);
  }

  public Path stdoutFifo(String id) {
    return dir(id).resolve("stdout.fifo");
  }

  public Path stderrFifo(String id) {
    return dir(id).resolve("stderr.fifo");
  }

  public Path exitCodeFile(String id) {
    return dir(id).resolve("exitcode");
  }

  public LogFiles logFiles(ContainerRecord record) {
    Path logDir = record.spec().logDir() != null ? record.spec().logDir() : dir(record.id());
    return new LogFiles(logDir, rotation);
  }

  /** Makes the directory and the two pipes of a new container. */
  public void create(String id) {
    try {
      Files.createDirectories(dir(id));
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot create " + dir(id) + ": " + e.getMessage(), e);
    }
    HostCommand.check(List.of("mkfifo", "-m", "600", stdoutFifo(id).toString(), stderrFifo(id).toString()),
        Duration.ofSeconds(10));
  }

  public void write(ContainerRecord record) {
    Path target = dir(record.id()).resolve("container.json");
    Path temp = dir(record.id()).resolve("container.json.tmp");
    try {
      json.writeValue(temp.toFile(), record);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public Optional<ContainerRecord> read(String id) {
    if (!ContainerIds.isId(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(dir(id).resolve("container.json").toFile(), ContainerRecord.class));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "container " + id + " has an unreadable state file: "
          + e.getMessage(), e);
    }
  }

  public List<String> ids() {
    if (!Files.isDirectory(containers)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(containers)) {
      List<String> ids = new ArrayList<>();
      dirs.map(dir -> dir.getFileName().toString()).filter(ContainerIds::isId)
          .filter(id -> Files.exists(dir(id).resolve("container.json"))).forEach(ids::add);
      return ids;
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot list " + containers, e);
    }
  }

  /** The exit code the shim recorded, if the container ended since its last start. */
  public OptionalInt exitCode(String id) {
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(exitCodeFile(id)).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  public Instant exitTime(String id) {
    try {
      return Files.getLastModifiedTime(exitCodeFile(id)).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  public void clearExitCode(String id) {
    try {
      Files.deleteIfExists(exitCodeFile(id));
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot reset " + exitCodeFile(id), e);
    }
  }

  /** Deletes the container's directory (and its log dir when the spec named one). */
  public void delete(ContainerRecord record) {
    deleteTree(dir(record.id()));
    if (record.spec().logDir() != null) {
      deleteTree(record.spec().logDir());
    }
  }

  public static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
