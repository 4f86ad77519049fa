package ai.hanzo.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety net of NodeGroup: shims under the nodes' data dirs die with what they run, no other process does. */
class LeftoverShimsTest {
  @Test
  void onlyShimsUnderTheDataDirsAndTheirChildrenAreKilled(@TempDir Path tmp) throws Exception {
    Path ours = tmp.resolve("a");
    Path other = tmp.resolve("b");
    Process shim = shim(ours.resolve("containers").resolve("c1"));
    Process stranger = shim(other.resolve("containers").resolve("c2"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> shim.toHandle().children().count() == 1);
      ProcessHandle child = shim.toHandle().children().findFirst().orElseThrow();
      LeftoverShims.kill(List.of(ours));
      await().atMost(Duration.ofSeconds(30)).until(() -> !shim.isAlive() && !child.isAlive());
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      stranger.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      stranger.destroyForcibly();
      shim.destroyForcibly();
    }
  }

  /** A process whose command line is a shim's ({@code sh -c SCRIPT hanzo-shim DIR}) running a child. */
  private static Process shim(Path containerDir) throws Exception {
    return new ProcessBuilder("/bin/sh", "-c", "sleep 600 & wait", "hanzo-shim", containerDir.toString()).start();
  }
}
