package ai.hanzo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm project of this repository (a directory with a lock file) that tests need installed: copied without
 * {@code node_modules} to a temp directory and installed there with {@code npm ci} from its lock file, once per
 * JVM, so the checkout never gets a {@code node_modules} and every install is the locked one.
 *
 * <p>With {@value #PREINSTALLED} set (as {@code .ci/run} sets it after installing every project up front), the copy
 * gets no install of its own: its {@code node_modules} is a link to {@code $HANZO_NPM_PREINSTALLED/<key>/node_modules},
 * where {@code <key>} is the SHA-256 of the project's {@link #INSTALL_INPUTS} (what {@code npm ci} reads), so
 * the tests do no network work and a registry problem fails the install step before any test runs. A project not
 * found there (its lock file changed since) is an error naming the step to run again, never a silent download.
 */
public final class NpmProject {
  /** The environment variable naming the directory of installs made up front (see the class comment). */
  public static final String PREINSTALLED = "HANZO_NPM_PREINSTALLED";
  /**
   * The files {@code npm ci} reads, in the order their bytes are hashed into the key; {@code .ci/run} hashes the
   * same ones in the same order (a missing {@code .npmrc} is skipped).
   */
  static final List<String> INSTALL_INPUTS = List.of("package.json", "package-lock.json", ".npmrc");

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
  public Path installed() throws IOException, InterruptedException {
    return installed(Optional.ofNullable(System.getenv(PREINSTALLED)).filter(dir -> !dir.isBlank()).map(Path::of));
  }

  /** As {@link #installed()}, with the installs made up front in {@code preinstalled} (none: npm ci here). */
  synchronized Path installed(Optional<Path> preinstalled) throws IOException, InterruptedException {
    if (installed == null) {
      Path from = source.orElseThrow(() -> new IOException("no project for " + what));
      // Looked up before the copy is made: a missing install leaves no half-made copy behind.
      Optional<Path> modules = preinstalled.isPresent()
          ? Optional.of(preinstalledModules(from, preinstalled.get())) : Optional.empty();
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
      if (modules.isPresent()) {
        // A link, not a copy: the installs are read only, and Node.js resolves every package from its real path,
        // so each one's dependencies come from that same install.
        Files.createSymbolicLink(target.resolve("node_modules"), modules.get());
      } else {
        npmCi(target);
      }
      installed = target;
    }
    return installed;
  }

  private static void npmCi(Path target) throws IOException, InterruptedException {
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
        .redirectErrorStream(true).redirectOutput(target.resolve("npm-ci.log").toFile()).start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IOException("npm ci failed in " + target + ": " + Files.readString(target.resolve("npm-ci.log")));
    }
  }

  /** The {@code node_modules} installed up front under {@code root} for the project at {@code from}. */
  private Path preinstalledModules(Path from, Path root) throws IOException {
    Path install = root.resolve(installKey(from));
    if (!Files.isRegularFile(install.resolve(".installed")) || !Files.isDirectory(install.resolve("node_modules"))) {
      throw new IOException(PREINSTALLED + "=" + root + " holds no install of " + from + " for " + what
          + " (looked for " + install + "): its lock file changed since the install step ran; run"
          + " .ci/npm-install.sh (.ci/run's npm step) again, or unset " + PREINSTALLED + " to have the tests run npm ci themselves");
    }
    return install.resolve("node_modules").toAbsolutePath();
  }

  /** The SHA-256, in hex, of the project's {@link #INSTALL_INPUTS} that exist, their bytes one after the other. */
  static String installKey(Path project) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (String name : INSTALL_INPUTS) {
      Path file = project.resolve(name);
      if (Files.isRegularFile(file)) {
        sha256.update(Files.readAllBytes(file));
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
