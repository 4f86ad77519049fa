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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * One directory per container under {@code <root>/containers/<id>/}: {@code container.json}, the two named pipes
 * its output goes through, the {@code exitcode} and {@code shim.pid} the shim writes, a {@code starting} marker
 * while a start is under way, and (unless the spec names a log dir) its logs.
 *
 * <p>The records are read from disk once (at first use) and then kept in memory in step with every write and
 * delete, so that creating the n-th container does not read n files. One runtime object owns a root at a time; a
 * new one (a restarted node) reads the records again.
 */
public final class ContainerDirectories {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContainerDirectories.class);
  /** What a container's directory is renamed to while it is deleted; never a valid container id. */
  private static final String REMOVED_PREFIX = ".removed-";
  private final Path containers;
  private final LogRotation rotation;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, ContainerRecord> records = new ConcurrentHashMap<>();
  private volatile boolean loaded;

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

  /** Where the process runtime's init writes the container's main pid. */
  public Path mainPidFile(String id) {
    return dir(id).resolve("main.pid");
  }

  private Path startingMarker(String id) {
    return dir(id).resolve("starting");
  }

  /** Marks a start as under way, before the shim is launched: a node that dies now leaves the marker behind. */
  public void markStarting(String id) {
    try {
      Files.writeString(startingMarker(id), "");
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot write " + startingMarker(id), e);
    }
  }

  public boolean isStarting(String id) {
    return Files.exists(startingMarker(id));
  }

  public void clearStarting(String id) {
    deleteQuietly(startingMarker(id));
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
      records.put(record.id(), record);
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public Optional<ContainerRecord> read(String id) {
    if (!ContainerIds.isId(id)) {
      return Optional.empty();
    }
    loadOnce();
    return Optional.ofNullable(records.get(id));
  }

  /** The container named {@code name}, from memory. */
  public Optional<ContainerRecord> byName(String name) {
    loadOnce();
    return records.values().stream().filter(record -> record.spec().name().equals(name)).findFirst();
  }

  private void loadOnce() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (!loaded) {
        sweepLeftovers();
        for (String id : idsOnDisk()) {
          try {
            readFromDisk(id).ifPresent(record -> records.put(id, record));
          } catch (ContainerRuntimeException e) {
            // one damaged record must not hide every other container
            LOG.warn("container {} is left out: {}", id, e.getMessage());
          }
        }
        loaded = true;
      }
    }
  }

  private Optional<ContainerRecord> readFromDisk(String id) {
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
    loadOnce();
    return List.copyOf(records.keySet());
  }

  private List<String> idsOnDisk() {
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

  /** Forgets what the shim and init of the previous run wrote (exit code, pids) before a new start. */
  public void clearRunFiles(String id) {
    for (Path file : List.of(exitCodeFile(id), dir(id).resolve("shim.pid"), mainPidFile(id))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot reset " + file, e);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a marker left behind only costs the next start a scan of /proc
    }
  }

  /**
   * Deletes the container's directory (and its log dir when the spec named one). The directory is first renamed
   * out of the way in one atomic step, so a node killed while the tree is being deleted never leaves a record whose
   * working directory or pipes are already gone (a container that could be neither started nor replaced); what
   * the rename left behind is deleted here or, after a crash, when the records are next loaded.
   */
  public void delete(ContainerRecord record) {
    Path removed = containers.resolve(REMOVED_PREFIX + record.id());
    try {
      Files.move(dir(record.id()), removed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot remove " + dir(record.id()) + ": "
          + e.getMessage(), e);
    }
    records.remove(record.id());
    deleteRemoved(removed, record);
  }

  /** Deletes a renamed-away container directory and the log dir its record names; a failure is only logged. */
  private static void deleteRemoved(Path removed, ContainerRecord record) {
    try {
      if (record != null && record.spec().logDir() != null) {
        deleteTree(record.spec().logDir());
      }
      deleteTree(removed);
    } catch (ContainerRuntimeException e) {
      LOG.warn("{} is left behind for the next start to delete: {}", removed, e.getMessage());
    }
  }

  /**
   * Deletes what a node killed mid-removal or mid-creation left: renamed-away directories, and directories of
   * containers whose record was never written (create writes the record last).
   */
  private void sweepLeftovers() {
    if (!Files.isDirectory(containers)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(containers)) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        if (name.startsWith(REMOVED_PREFIX)) {
          ContainerRecord record = null;
          try {
            record = json.readValue(dir.resolve("container.json").toFile(), ContainerRecord.class);
          } catch (IOException e) {
            // no readable record: only the directory itself is left to delete
          }
          deleteRemoved(dir, record);
        } else if (ContainerIds.isId(name) && !Files.exists(dir.resolve("container.json"))) {
          deleteRemoved(dir, null);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot look for leftovers in {}: {}", containers, e.getMessage());
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
