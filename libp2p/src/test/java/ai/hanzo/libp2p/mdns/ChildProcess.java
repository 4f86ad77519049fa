package ai.hanzo.libp2p.mdns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child process whose stdout lines are collected and awaited; closing it ends stdin, then kills what is left. */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();

  private ChildProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** This test JVM's java with its class path, running {@code mainClass}, behind {@code launcher}. */
  static ChildProcess java(List<String> launcher, Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("mdns-child", ".stderr");
    return new ChildProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
  }

  /** The first line, printed already or still to come, that matches; fails with the child's output after timeout. */
  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          if (match.test(line)) {
            return line;
          }
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("no matching line within " + timeout + "; stdout " + lines + "; stderr "
              + stderr());
        }
        lines.wait(left);
      }
    }
  }

  String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
    return await(l -> l.startsWith(prefix), timeout).substring(prefix.length());
  }

  private String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private void pump() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the child is gone; await reports its output
    }
  }

  /** Closes stdin (the child's signal to exit) and waits; kills the child if it does not go. */
  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      // a temp file
    }
  }

  int exitValue() {
    return process.exitValue();
  }
}
