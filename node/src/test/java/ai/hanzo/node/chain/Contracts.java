package ai.hanzo.node.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The repository's {@code contracts/} directory, installed for tests: copied (without {@code node_modules}) to a
 * temp directory and installed there with {@code npm ci} from its lock file, once per JVM. That brings the pinned
 * solc (solc-js) and anvil (the native binary of {@code @foundry-rs/anvil-linux-amd64}).
 */
public final class Contracts {
  private static Path installed;

  private Contracts() {}

  /** Skips the calling test (fails it on CI, which always has npm) when Node.js, npm or contracts/ is missing. */
  public static void assumeAvailable() {
    Optional<String> missing = whyUnavailable();
    if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("the chain tests cannot run on CI: " + missing.get());
    }
    Assumptions.assumeTrue(missing.isEmpty(), () -> "skipping the chain tests: " + missing.orElse(""));
  }

  private static Optional<String> whyUnavailable() {
    if (source().isEmpty()) {
      return Optional.of("no contracts/package-lock.json above " + Path.of("").toAbsolutePath());
    }
    if (!onPath("node") || !onPath("npm")) {
      return Optional.of("Node.js/npm not installed (Debian: nodejs, npm)");
    }
    return Optional.empty();
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  /** The nearest {@code contracts/} with a lock file, upwards from the working directory. */
  static Optional<Path> source() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("contracts/package-lock.json"))) {
        return Optional.of(dir.resolve("contracts"));
      }
    }
    return Optional.empty();
  }

  /** The installed copy: compile.mjs, the sources and node_modules. */
  static synchronized Path installed() throws IOException, InterruptedException {
    if (installed == null) {
      Path source = source().orElseThrow();
      Path target = Files.createTempDirectory("hanzo-contracts");
      try (Stream<Path> files = Files.list(source)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Files.copy(f, target.resolve(f.getFileName().toString()));
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

  /** The native anvil binary: started directly, so its pid is the process the tests stop. */
  static Path anvil() throws IOException, InterruptedException {
    Path bin = installed().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(bin)) {
      throw new IOException("npm ci did not install the anvil binary at " + bin
          + " (only linux-amd64 is wired up here)");
    }
    return bin;
  }
}
