package ai.hanzo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm project of this repository (a directory with a lock file) that tests need installed: copied without
 * {@code node_modules} to a temp directory and installed there with {@code npm ci} from its lock file, once per
 * JVM, so the checkout never gets a {@code node_modules} and every install is the locked one.
 */
public final class NpmProject {
  private final Optional<Path> source;
  private final String what;
  private Path installed;

  private NpmProject(Optional<Path> source, String what) {
    this.source = source;
    this.what = what;
  }

  /**
   * The project at {@code relativeDir} of the nearest directory, upwards from the working directory, whose
   * {@code relativeDir} holds {@code marker}; {@code what} names it in messages ("the chain tests").
   */
  public static NpmProject nearest(String relativeDir, String marker, String what) {
    return new NpmProject(nearest(relativeDir, marker, Path.of("").toAbsolutePath()), what);
  }

  /** The project in {@code dir}, wherever that is (none: its tests are skipped, see {@link #whySkip}). */
  public static NpmProject of(Optional<Path> dir, String what) {
    return new NpmProject(dir, what);
  }

  /** The nearest {@code start/../relativeDir} (upwards) that holds {@code marker}. */
  public static Optional<Path> nearest(String relativeDir, String marker, Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relativeDir);
      if (Files.isRegularFile(candidate.resolve(marker))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public Optional<Path> source() {
    return source;
  }

  /**
   * Why the tests of this project cannot run here (no project, no Node.js or npm), for the caller to skip them; on
   * CI ({@code CI=true}), which always installs both, a missing piece is an error instead.
   */
  public Optional<String> whySkip() {
    Optional<String> missing = source.isEmpty()
        ? Optional.of("no project for " + what + " above " + Path.of("").toAbsolutePath())
        : !onPath("node") || !onPath("npm") ? Optional.of("Node.js/npm not installed (Debian: nodejs, npm)")
        : Optional.empty();
    if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(what + " cannot run on CI: " + missing.get());
    }
    return missing.map(reason -> "skipping " + what + ": " + reason);
  }

  /** The installed copy: the project's files and its {@code node_modules}. */
  public synchronized Path installed() throws IOException, InterruptedException {
    if (installed == null) {
      Path from = source.orElseThrow(() -> new IOException("no project for " + what));
      Path target = Files.createTempDirectory("npm-" + from.getFileName());
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : (Iterable<Path>) files.filter(f -> !f.toString().contains("node_modules"))::iterator) {
          Path to = target.resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
            to.toFile().setWritable(true);
          }
        }
      }
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
          .redirectErrorStream(true).redirectOutput(target.resolve("npm-ci.log").toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IOException("npm ci failed in " + target + ": " + Files.readString(target.resolve("npm-ci.log")));
      }
      installed = target;
    }
    return installed;
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
