package ai.hanzo.node.chain;

import ai.hanzo.testing.NpmProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The repository's {@code contracts/} directory, installed for tests as an {@link NpmProject}: that brings the
 * pinned solc (solc-js) and anvil (the native binary of {@code @foundry-rs/anvil-linux-amd64}).
 */
public final class Contracts {
  private static final NpmProject PROJECT = NpmProject.nearest("contracts", "package-lock.json", "the chain tests");

  private Contracts() {}

  /** Skips the calling test (fails it on CI, which always has npm) when Node.js, npm or contracts/ is missing. */
  public static void assumeAvailable() {
    Optional<String> skip = PROJECT.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
  }

  /** The nearest {@code contracts/} with a lock file, upwards from the working directory. */
  static Optional<Path> source() {
    return PROJECT.source();
  }

  /** The installed copy: compile.mjs, the sources and node_modules. */
  static Path installed() throws IOException, InterruptedException {
    return PROJECT.installed();
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
