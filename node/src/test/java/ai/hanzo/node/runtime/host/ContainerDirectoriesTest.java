package ai.hanzo.node.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.logs.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed while a container is removed or created must leave either the whole container or nothing: a record
 * whose working directory is already deleted could be neither started nor replaced (found by CrashDuringChangesIT).
 */
class ContainerDirectoriesTest {
  @TempDir Path root;

  @Test
  void deleteLeavesNothingBehind() throws IOException {
    ContainerDirectories dirs = new ContainerDirectories(root, LogRotation.DEFAULT);
    ContainerRecord record = created(dirs, "c1", root.resolve("logs-c1"));

    dirs.delete(record);

    assertThat(dirs.ids()).isEmpty();
    assertThat(entries(root.resolve("containers"))).isEmpty();
    assertThat(root.resolve("logs-c1")).doesNotExist();
  }

  /**
   * A tree deletion that stops half-way (an immutable file stands in for the kill: the old deletion removed work/
   * and the pipes, then stopped before container.json) must not leave the container listed.
   */
  @Test
  void aRemovalThatStopsHalfWayNeverLeavesAListedContainer() throws IOException {
    ContainerDirectories dirs = new ContainerDirectories(root, LogRotation.DEFAULT);
    ContainerRecord record = created(dirs, "stuck", null);
    Path stuck = dirs.dir(record.id()).resolve("aaa-undeletable");
    Files.writeString(stuck, "x");
    assumeTrue(HostCommand.run(List.of("chattr", "+i", stuck.toString()), Duration.ofSeconds(10)).ok(),
        "this file system cannot make a file immutable");
    Path removed = root.resolve("containers").resolve(".removed-" + record.id());
    try {
      try {
        dirs.delete(record);
      } catch (RuntimeException e) {
        // the old deletion threw here; whether it throws is not the point, what is left on disk is
      }
      assertThat(new ContainerDirectories(root, LogRotation.DEFAULT).ids()).isEmpty();
    } finally {
      HostCommand.run(List.of("chattr", "-i", removed.resolve("aaa-undeletable").toString()), Duration.ofSeconds(10));
      HostCommand.run(List.of("chattr", "-i", stuck.toString()), Duration.ofSeconds(10));
    }
    assertThat(new ContainerDirectories(root, LogRotation.DEFAULT).ids()).isEmpty();
    assertThat(entries(root.resolve("containers"))).isEmpty();
  }

  @Test
  void aRemovalCutShortAfterItsRenameIsFinishedAtTheNextLoad() throws IOException {
    ContainerDirectories before = new ContainerDirectories(root, LogRotation.DEFAULT);
    ContainerRecord kept = created(before, "kept", null);
    ContainerRecord removed = created(before, "removed", root.resolve("logs-removed"));
    // the state a kill -9 leaves between the atomic rename and the end of the tree's deletion
    Files.move(before.dir(removed.id()), root.resolve("containers").resolve(".removed-" + removed.id()));

    ContainerDirectories after = new ContainerDirectories(root, LogRotation.DEFAULT);

    assertThat(after.ids()).containsExactly(kept.id());
    assertThat(entries(root.resolve("containers"))).containsExactly(kept.id());
    assertThat(root.resolve("logs-removed")).doesNotExist();
    assertThat(after.dir(kept.id()).resolve("work")).isDirectory();
  }

  @Test
  void aCreationCutShortBeforeItsRecordIsDeletedAtTheNextLoad() throws IOException {
    ContainerDirectories before = new ContainerDirectories(root, LogRotation.DEFAULT);
    ContainerRecord kept = created(before, "kept", null);
    String half = new ContainerIds().next();
    Files.createDirectories(before.dir(half).resolve("work"));

    ContainerDirectories after = new ContainerDirectories(root, LogRotation.DEFAULT);

    assertThat(after.ids()).containsExactly(kept.id());
    assertThat(entries(root.resolve("containers"))).containsExactly(kept.id());
  }

  private static ContainerRecord created(ContainerDirectories dirs, String name, Path logDir) throws IOException {
    String id = new ContainerIds().next();
    ContainerSpec spec = new ContainerSpec(name, "", List.of(), List.of("true"), Map.of(), "", Map.of(),
        ResourceLimits.NONE, List.of(), NetworkMode.HOST, logDir);
    dirs.create(id);
    Files.createDirectories(dirs.dir(id).resolve("work").resolve("deep"));
    Files.writeString(dirs.dir(id).resolve("work").resolve("deep").resolve("file"), "x");
    if (logDir != null) {
      Files.createDirectories(logDir);
      Files.writeString(logDir.resolve("stdout.log"), "line\n");
    }
    ContainerRecord record = ContainerRecord.created(id, spec, Instant.EPOCH, List.of());
    dirs.write(record);
    return record;
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).toList();
    }
  }
}
