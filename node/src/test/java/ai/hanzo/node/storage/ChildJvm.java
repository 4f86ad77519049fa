package ai.hanzo.node.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StorageChildMain} in its own JVM with this test's classpath. A reader thread moves its
 * stdout lines into a queue, so the test waits with timeouts and never blocks on a hung child.
 */
final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000end-of-stream";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(this::pumpStdout, "child-jvm-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Path stderrLog, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StorageChildMain.class.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
            .start();
    return new ChildJvm(process);
  }

  long pid() {
    return process.pid();
  }

  /** The next stdout line starting with one of {@code words}, skipping log lines. */
  String awaitLine(String... words) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        throw new AssertionError(
            "child " + pid() + " printed none of " + List.of(words) + " (alive: "
                + process.isAlive() + ")");
      }
      for (String word : words) {
        if (line.startsWith(word)) {
          return line;
        }
      }
    }
  }

  /** Closes the child's stdin, the signal for a {@code hold-lock} child to let go. */
  void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** SIGKILLs the child, then returns every line it had printed, up to its end of stream. */
  List<String> killAndDrain() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " survived SIGKILL");
    }
    reader.join(PATIENCE.toMillis());
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    rest.remove(END);
    return rest;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private void pumpStdout() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child is gone; END below tells the waiting test
    } finally {
      lines.add(END);
    }
  }
}
