package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.host.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The runc executable found on this host, with its version. */
public record RuncBinary(Path path, String version) {
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/runc"), Path.of("/usr/bin/runc"),
      Path.of("/usr/local/sbin/runc"), Path.of("/usr/local/bin/runc"), Path.of("/sbin/runc"));

  /** Looks in the usual places, or at {@code configured} when given. */
  public static Optional<RuncBinary> find(Optional<Path> configured) {
    for (Path candidate : configured.map(List::of).orElse(CANDIDATES)) {
      if (Files.isExecutable(candidate)) {
        HostCommand.Result result = HostCommand.run(List.of(candidate.toString(), "--version"),
            Duration.ofSeconds(10));
        if (result.ok() && result.stdout().startsWith("runc version")) {
          return Optional.of(new RuncBinary(candidate, result.stdout().lines().findFirst().orElse("").substring(
              "runc version".length()).strip()));
        }
      }
    }
    return Optional.empty();
  }

  static String searched(Optional<Path> configured) {
    return configured.map(Path::toString).orElse(CANDIDATES.toString());
  }
}
