package ai.hanzo.node.p2p.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link CommandOutput} as a child process whose stdout goes to a temp file, so a hung command cannot block us. */
public final class ProcessCommandOutput implements CommandOutput {
  private static final long MAX_OUTPUT = 1 << 20;

  @Override
  public Optional<String> run(List<String> command, Duration timeout) {
    Path out = null;
    try {
      out = Files.createTempFile("hanzo-probe", ".out");
      Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      if (p.exitValue() != 0 || Files.size(out) > MAX_OUTPUT) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Most often: the command is not installed.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // A leftover temp file is harmless.
        }
      }
    }
  }
}
