package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockIT {
  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void aSecondAcquireInTheSameProcessIsRefusedAndTheLockWritesThePid() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      assertAcquireRefusedNaming(pid);
      // the refused attempt must not have dropped the OS lock the first holder has
      assertThat(tryLockFromAnotherProcess()).startsWith("REFUSED");
    }
    // read only after release: closing any descriptor of the file drops this process's lock
    assertThat(Files.readString(dataDir.resolve("LOCK")).trim()).isEqualTo(Long.toString(pid));
  }

  @Test
  void isReleasedOnCloseAndCloseIsIdempotent() throws Exception {
    DataDirLock lock = DataDirLock.acquire(dataDir);
    lock.close();
    lock.close();

    assertThat(tryLockFromAnotherProcess()).isEqualTo("ACQUIRED");
    DataDirLock.acquire(dataDir).close();
  }

  @Test
  void aLockHeldByAnotherProcessIsRefusedNamingThatPid() throws Exception {
    try (ChildJvm child = ChildJvm.start(logs.resolve("child.err"), "hold-lock", dataDir.toString())) {
      assertThat(child.awaitLine("LOCKED")).isEqualTo("LOCKED " + child.pid());

      assertAcquireRefusedNaming(child.pid());

      child.closeStdin();
      child.awaitLine("RELEASED");
    }
    DataDirLock.acquire(dataDir).close();
  }

  private void assertAcquireRefusedNaming(long holderPid) throws Exception {
    String realDir = dataDir.toRealPath().toString();
    assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.LOCKED);
              assertThat(e.getMessage()).contains(realDir).contains("pid " + holderPid);
            });
  }

  private String tryLockFromAnotherProcess() throws Exception {
    try (ChildJvm child = ChildJvm.start(logs.resolve("try.err"), "try-lock", dataDir.toString())) {
      return child.awaitLine("ACQUIRED", "REFUSED");
    }
  }
}
