package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real distribution registry (Debian's docker-registry) on 127.0.0.1, port 0 read back from its log, storage in a
 * temp dir, optionally behind htpasswd basic auth; seeded with skopeo. Stopped by its pid. Without docker-registry
 * and skopeo the ITs skip with a message, except on CI (CI=true), where that is a failure.
 */
public final class LoopbackRegistry implements AutoCloseable {
  static final String USER = "puller";
  static final String PASSWORD = "s3cret-test";
  /** bcrypt (cost 4) of PASSWORD: the registry's htpasswd only takes bcrypt. */
  private static final String BCRYPT = "$2b$04$.sTIjf3XSBZAyA1JA.MVuuiWPxj1s9foTUz5czTBHY.qcNeCIhK/2";
  private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Path dir;
  private final int port;
  private final boolean auth;

  private LoopbackRegistry(Process process, Path dir, int port, boolean auth) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.auth = auth;
  }

  static void requireTools() {
    String message = "registry ITs need docker-registry, skopeo and busybox-static (apt-get install docker-registry "
        + "skopeo busybox-static)";
    boolean present = Files.isExecutable(REGISTRY) && Files.isExecutable(SKOPEO) && BusyboxImage.hostHasBusybox();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(present).as(message).isTrue();
    } else {
      assumeThat(present).as(message).isTrue();
    }
  }

  public static LoopbackRegistry start(boolean basicAuth) throws IOException {
    requireTools();
    Path dir = Files.createTempDirectory("loopback-registry");
    StringBuilder config = new StringBuilder(String.join("\n", "version: 0.1", "log:", "  level: info",
        "storage:", "  filesystem:", "    rootdirectory: " + dir.resolve("data"), "http:", "  addr: 127.0.0.1:0", ""));
    if (basicAuth) {
      Files.writeString(dir.resolve("htpasswd"), USER + ":" + BCRYPT + "\n");
      config.append(String.join("\n", "auth:", "  htpasswd:", "    realm: loopback",
          "    path: " + dir.resolve("htpasswd"), ""));
    }
    Files.writeString(dir.resolve("config.yml"), config);
    Path log = dir.resolve("registry.log");
    Process process = new ProcessBuilder(REGISTRY.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive()
          || LISTENING.matcher(Files.readString(log)).find());
      Matcher matcher = LISTENING.matcher(Files.readString(log));
      assertThat(process.isAlive() && matcher.find()).as("docker-registry did not start: %s",
          Files.readString(log)).isTrue();
      return new LoopbackRegistry(process, dir, Integer.parseInt(matcher.group(1)), basicAuth);
    } catch (RuntimeException | AssertionError e) {
      stop(process);
      ContainerDirectories.deleteTree(dir);
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}: the registry part of references to this registry. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  Path storage() {
    return dir.resolve("data");
  }

  /** Pushes a docker-archive tar as {@code repository:tag} and returns the full reference. */
  public String push(Path dockerArchive, String repositoryAndTag) {
    String target = address() + "/" + repositoryAndTag;
    List<String> argv = new java.util.ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy", "copy", "-q",
        "--dest-tls-verify=false"));
    if (auth) {
      argv.addAll(List.of("--dest-creds", USER + ":" + PASSWORD));
    }
    argv.addAll(List.of("docker-archive:" + dockerArchive, "docker://" + target));
    HostCommand.Result result = HostCommand.run(argv, Duration.ofMinutes(2));
    assertThat(result.ok()).as("skopeo copy failed: %s", result.message()).isTrue();
    return target;
  }

  /**
   * Pushes an OCI artifact, one config blob and one layer, as {@code repository:tag} through the distribution API
   * (monolithic blob uploads, then the manifest), the way {@code docker model push} and {@code oras push} do;
   * returns the full reference. No auth (a registry started without basic auth).
   */
  public String pushArtifact(String repository, String tag, String configType, byte[] config, String layerType,
      byte[] layer) throws IOException, InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    Digest configDigest = upload(http, repository, config);
    Digest layerDigest = upload(http, repository, layer);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    java.net.http.HttpResponse<String> put = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + address() + "/v2/" + repository + "/manifests/" + tag))
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(manifest)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as("manifest PUT: %s", put.body()).isEqualTo(201);
    return address() + "/" + repository + ":" + tag;
  }

  private Digest upload(java.net.http.HttpClient http, String repository, byte[] content)
      throws IOException, InterruptedException {
    Digest digest = Digest.of(content);
    java.net.http.HttpResponse<String> start = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + address() + "/v2/" + repository + "/blobs/uploads/"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as("upload POST: %s", start.body()).isEqualTo(202);
    java.net.URI location = java.net.URI.create("http://" + address() + "/")
        .resolve(start.headers().firstValue("Location").orElseThrow());
    String separator = location.getQuery() == null ? "?" : "&";
    java.net.http.HttpResponse<String> put = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(location + separator + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as("upload PUT: %s", put.body()).isEqualTo(201);
    return digest;
  }

  /** The file the registry serves blob {@code digest} from. */
  public Path blobFile(Digest digest) {
    return storage().resolve("docker/registry/v2/blobs/sha256").resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex()).resolve("data");
  }

  @Override
  public void close() {
    try {
      stop(process);
    } finally {
      ContainerDirectories.deleteTree(dir);
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
