package ai.hanzo.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.HostCommands;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a test's directory, so a test can fill a disk for real without touching the machine's.
 * Needs the right to mount (root): the test is skipped where that is refused.
 */
public final class SmallVolume implements AutoCloseable {
  private final Path path;

  private SmallVolume(Path path) {
    this.path = path;
  }

  /** A tmpfs of {@code mib} MiB on {@code dir} (created if missing); skips the test where mounting is refused. */
  public static SmallVolume mountOrSkip(Path dir, int mib) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    var failure = HostCommands.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", dir.toString()));
    Assumptions.assumeTrue(failure.isEmpty(), () -> "mounting a tmpfs is not permitted here: " + failure.get());
    return new SmallVolume(dir);
  }

  public Path path() {
    return path;
  }

  /** Writes {@code file} on this volume until it has no space left; deleting the file frees the space again. */
  public Path fill(String file) throws IOException {
    Path filler = path.resolve(file);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException expected) {
      assertThat(expected.getMessage()).containsIgnoringCase("space");
    }
    return filler;
  }

  /** Unmounts; never throws (a busy mount is left to the machine's clean-up, the test has its answer). */
  @Override
  public void close() throws InterruptedException {
    HostCommands.run(List.of("umount", path.toString()));
  }
}
