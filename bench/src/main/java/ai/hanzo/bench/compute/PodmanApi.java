package ai.hanzo.bench.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Podman's Docker-compatible API for the docker row of the deploy-latency benchmark, set up as docs/RUNTIMES.md
 * says (a containers.conf with runc and ulimits this host allows), serving on a socket in {@code dir}; the podman CLI
 * run with {@link #env()} sees the same storage. Stopped by its pid on close.
 */
final class PodmanApi implements AutoCloseable {
  private static final String PODMAN = "/usr/bin/podman";

  private final Process service;
  private final Map<String, String> env;
  private final Path socket;

  private PodmanApi(Process service, Map<String, String> env, Path socket) {
    this.service = service;
    this.env = env;
    this.socket = socket;
  }

  static PodmanApi start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path conf = dir.resolve("containers.conf");
    Files.writeString(conf, String.join("\n", "[containers]",
        "default_ulimits = [\"nofile=16384:16384\", \"nproc=16384:16384\"]", "[engine]", "runtime = \"runc\"", ""));
    Map<String, String> env = Map.of("CONTAINERS_CONF", conf.toString());
    Path socket = dir.resolve("podman.sock");
    ProcessBuilder builder = new ProcessBuilder(PODMAN, "system", "service", "--time=0", "unix://" + socket)
        .redirectErrorStream(true).redirectOutput(dir.resolve("podman.log").toFile());
    builder.environment().putAll(env);
    PodmanApi api = new PodmanApi(builder.start(), env, socket);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(socket)) {
      if (!api.service.isAlive() || System.nanoTime() > deadline) {
        api.close();
        throw new IllegalStateException("podman system service did not come up; see " + dir.resolve("podman.log"));
      }
      Thread.sleep(10);
    }
    return api;
  }

  /** What DOCKER_HOST must say for the node to use this service. */
  String dockerHost() {
    return "unix://" + socket;
  }

  /** Runs the podman CLI against this service's storage; fails unless it exits 0. */
  void podman(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(PODMAN));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process p = builder.start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with " + p.exitValue());
    }
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    if (!service.waitFor(10, TimeUnit.SECONDS)) {
      service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
