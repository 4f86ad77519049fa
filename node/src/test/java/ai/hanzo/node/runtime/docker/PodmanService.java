package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.host.ContainerDirectories;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Docker Engine API for the docker runtime's ITs: {@code DOCKER_HOST} when set, else Podman's compatible service
 * started here with the containers.conf of docs/RUNTIMES.md on a socket in a temp dir, and stopped by its pid.
 * Without either the ITs skip with a message; on CI (CI=true) that is a failure.
 */
final class PodmanService implements AutoCloseable {
  private static final Path PODMAN = Path.of("/usr/bin/podman");

  private final Process process;
  private final Path dir;
  private final URI host;

  private PodmanService(Process process, Path dir, URI host) {
    this.process = process;
    this.dir = dir;
    this.host = host;
  }

  URI host() {
    return host;
  }

  static PodmanService startOrSkip() throws IOException {
    String dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      return new PodmanService(null, null, URI.create(dockerHost));
    }
    String message = "the docker runtime ITs need DOCKER_HOST or podman (apt-get install podman)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(Files.isExecutable(PODMAN)).as(message).isTrue();
    } else {
      assumeThat(Files.isExecutable(PODMAN)).as(message).isTrue();
    }
    Path dir = Files.createTempDirectory("podman-api");
    Files.writeString(dir.resolve("containers.conf"), String.join("\n",
        "[containers]",
        "default_ulimits = [\"nofile=16384:16384\", \"nproc=16384:16384\"]",
        "[engine]",
        "runtime = \"runc\"", ""));
    Path socket = dir.resolve("podman.sock");
    ProcessBuilder builder = new ProcessBuilder(List.of(PODMAN.toString(), "system", "service", "--time=0",
        "unix://" + socket)).redirectErrorStream(true).redirectOutput(dir.resolve("podman.log").toFile());
    builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
    Process process = builder.start();
    PodmanService service = new PodmanService(process, dir, URI.create("unix://" + socket));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket) || !process.isAlive());
      assertThat(process.isAlive()).as("podman system service exited: %s",
          Files.readString(dir.resolve("podman.log"))).isTrue();
      return service;
    } catch (RuntimeException | AssertionError e) {
      service.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      ContainerDirectories.deleteTree(dir);
    }
  }
}
