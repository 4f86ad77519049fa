package ai.hanzo.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the short host commands that tests set machines up with ({@code ip}, {@code mount}...): each gets 30 s, its
 * output and error stream together, and a failure described in one line that names the command.
 */
public final class HostCommands {
  private static final long TIMEOUT_SECONDS = 30;

  private HostCommands() {
  }

  /** Empty when the command succeeded, else what went wrong (a command that cannot start is a failure too). */
  public static Optional<String> run(List<String> command) throws InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.of(command.get(0) + " cannot run: " + e.getMessage());
    }
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      p.destroyForcibly();
      return Optional.of(String.join(" ", command) + ": " + e.getMessage());
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return Optional.of(String.join(" ", command) + " did not finish");
    }
    return p.exitValue() == 0 ? Optional.empty()
        : Optional.of(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
  }

  /** Runs the command; throws with {@link #run}'s description when it fails. */
  public static void must(List<String> command) throws IOException, InterruptedException {
    Optional<String> failure = run(command);
    if (failure.isPresent()) {
      throw new IOException(failure.get());
    }
  }

  /** The command's output; throws when it cannot run, fails or does not finish. */
  public static String output(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
