package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real registry on loopback: by tag, by digest, through an index, with auth, and a corrupt blob. */
class RegistryPullIT {
  private static LoopbackRegistry registry;
  private static Path seed;
  private static String image;

  @TempDir
  Path dir;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(dir);
  }

  @BeforeAll
  static void startRegistry() throws IOException {
    registry = LoopbackRegistry.start(false);
    seed = Files.createTempDirectory("registry-seed");
    image = registry.push(TestArchives.greeterDockerArchive(seed, "greeter:1"), "greeter:1");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
    if (seed != null) {
      ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(seed);
    }
  }

  private LocalImageStore store(Set<String> insecure) {
    return LocalImageStore.pulling(dir.resolve("images"), RegistrySettings.DEFAULTS.withInsecure(insecure),
        PlatformSelector.host());
  }

  @Test
  void pullsByTagAndByDigestIntoOneUnpackedImage() {
    LocalImageStore store = store(Set.of(registry.address()));

    StoredImage byTag = store.pull(image);
    assertThat(byTag.rootfs().resolve("bin/busybox")).isRegularFile();
    assertThat(Files.isSymbolicLink(byTag.rootfs().resolve("bin/sh"))).isTrue();
    assertThat(byTag.config().entrypoint()).containsExactly("/bin/sh", "-c");
    assertThat(byTag.config().env()).containsEntry("GREETING", "hello");
    assertThat(byTag.config().workingDir()).isEqualTo("/tmp");
    assertThat(byTag.config().exposedPorts()).containsExactly("8080/tcp");

    String pinned = registry.address() + "/greeter@" + byTag.record().manifest();
    StoredImage byDigest = store.pull(pinned);
    assertThat(byDigest.record().config()).isEqualTo(byTag.record().config());
    assertThat(byDigest.rootfs()).isEqualTo(byTag.rootfs());
    assertThat(store.list()).containsExactlyInAnyOrder(image, pinned);

    store.remove(image);
    assertThat(store.find(pinned)).isPresent();
    store.remove(pinned);
    assertThat(store.list()).isEmpty();
    assertThat(byTag.rootfs()).doesNotExist();
    assertThat(dir.resolve("images/blobs/sha256")).isEmptyDirectory();
  }

  @Test
  void pullsThePlatformManifestThroughAnIndex() throws Exception {
    LocalImageStore store = store(Set.of(registry.address()));
    Digest manifest = store.pull(image).record().manifest();
    long size = Files.size(dir.resolve("images/blobs/sha256").resolve(manifest.hex()));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(manifest, size, "s390x") + "," + entry(manifest, size, PlatformSelector.host().architecture()) + "]}";
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
        + registry.address() + "/v2/greeter/manifests/multi")).header("Content-Type", MediaTypes.OCI_INDEX)
        .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

    StoredImage multi = store.pull(registry.address() + "/greeter:multi");
    assertThat(multi.record().manifest()).isEqualTo(manifest);

    LocalImageStore mips = LocalImageStore.pulling(dir.resolve("other"), RegistrySettings.DEFAULTS
        .withInsecure(Set.of(registry.address())), new PlatformSelector("linux", "mips64le", ""));
    assertThatThrownBy(() -> mips.pull(registry.address() + "/greeter:multi"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("linux/mips64le").contains("linux/s390x");
        });
  }

  private static String entry(Digest digest, long size, String arch) {
    return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}";
  }

  @Test
  void unknownImagesUnreachableRegistriesAndBadNamesAreCleanErrors() throws IOException {
    LocalImageStore store = store(Set.of(registry.address()));
    assertCode(() -> store.pull(registry.address() + "/greeter:nope"), RuntimeErrorCode.NOT_FOUND);
    assertCode(() -> store.pull(registry.address() + "/nobody/here:1"), RuntimeErrorCode.NOT_FOUND);
    assertCode(() -> store.pull(registry.address() + "/Greeter:1"), RuntimeErrorCode.INVALID_SPEC);
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    LocalImageStore impatient = LocalImageStore.pulling(dir.resolve("impatient"), new RegistrySettings(
        Set.of("127.0.0.1:" + closed), Map.of(), 2, Duration.ofMillis(10), Duration.ofSeconds(5)),
        PlatformSelector.host());
    assertCode(() -> impatient.pull("127.0.0.1:" + closed + "/greeter:1"), RuntimeErrorCode.UNAVAILABLE);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void aCorruptBlobIsRefusedAndLeavesNothingBehind() throws Exception {
    Path archive = TestArchives.greeterDockerArchive(dir, "corrupt:1");
    String corrupt = registry.push(archive, "corrupt:1");
    LocalImageStore probe = store(Set.of(registry.address()));
    StoredImage good = probe.pull(corrupt);
    ManifestDocument.Manifest manifest = (ManifestDocument.Manifest) ManifestDocument.parse(Files.readAllBytes(
        dir.resolve("images/blobs/sha256").resolve(good.record().manifest().hex())), "");
    Digest layer = manifest.layers().get(0).digest();
    byte[] original = Files.readAllBytes(registry.blobFile(layer));
    byte[] content = original.clone();
    content[content.length / 2] ^= 0x55;
    Files.write(registry.blobFile(layer), content);
    LocalImageStore store = LocalImageStore.pulling(dir.resolve("fresh"), RegistrySettings.DEFAULTS
        .withInsecure(Set.of(registry.address())), PlatformSelector.host());
    try {
      assertThatThrownBy(() -> store.pull(corrupt))
          .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
            assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC);
            assertThat(e.getMessage()).contains(layer.toString()).contains("corrupt");
          });
    } finally {
      // Layers are content-addressed: another test's image built within the same second shares this blob.
      Files.write(registry.blobFile(layer), original);
    }
    assertThat(store.list()).isEmpty();
    assertThat(dir.resolve("fresh/blobs/sha256").resolve(layer.hex())).doesNotExist();
    try (Stream<Path> temp = Files.list(dir.resolve("fresh/blobs/tmp"))) {
      assertThat(temp).isEmpty();
    }
    assertThat(dir.resolve("fresh/rootfs")).doesNotExist();
  }

  @Test
  void concurrentPullsOfOneImageBothSucceed() throws Exception {
    LocalImageStore store = store(Set.of(registry.address()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<StoredImage>> pulls = List.of(() -> store.pull(image), () -> store.pull(image));
      List<StoredImage> results = new ArrayList<>();
      for (Future<StoredImage> future : pool.invokeAll(pulls)) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      assertThat(results.get(0).rootfs()).isEqualTo(results.get(1).rootfs());
      assertThat(results.get(0).rootfs().resolve("bin/busybox")).isRegularFile();
      assertThat(store.list()).containsExactly(image);
      try (Stream<Path> rootfs = Files.list(dir.resolve("images/rootfs"))) {
        assertThat(rootfs).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void basicAuthRegistryNeedsTheCredentials() throws Exception {
    try (LoopbackRegistry guarded = LoopbackRegistry.start(true)) {
      String name = guarded.push(TestArchives.greeterDockerArchive(dir, "secret:1"), "secret:1");
      LocalImageStore anonymous = LocalImageStore.pulling(dir.resolve("anonymous"), RegistrySettings.DEFAULTS
          .withInsecure(Set.of(guarded.address())), PlatformSelector.host());
      assertThatThrownBy(() -> anonymous.pull(name))
          .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
            assertThat(e.code()).isEqualTo(RuntimeErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("user name and password");
          });

      Path authFile = dir.resolve("auth.json");
      Files.writeString(authFile, "{\"auths\":{\"" + guarded.address() + "\":{\"auth\":\""
          + java.util.Base64.getEncoder().encodeToString((LoopbackRegistry.USER + ":" + LoopbackRegistry.PASSWORD)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}}}");
      LocalImageStore authorized = LocalImageStore.pulling(dir.resolve("authorized"), RegistrySettings.DEFAULTS
          .withInsecure(Set.of(guarded.address())).withCredentials(AuthFile.read(authFile)), PlatformSelector.host());
      assertThat(authorized.pull(name).rootfs().resolve("bin/busybox")).isRegularFile();
    }
  }

  @Test
  void bearerTokenAuthWithRetriesOn503() throws Exception {
    try (TokenAuthProxy proxy = new TokenAuthProxy(registry.address())) {
      String name = proxy.address() + "/greeter:1";
      LocalImageStore anonymous = LocalImageStore.pulling(dir.resolve("anonymous"), RegistrySettings.DEFAULTS
          .withInsecure(Set.of(proxy.address())), PlatformSelector.host());
      assertThatThrownBy(() -> anonymous.pull(name))
          .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
            assertThat(e.code()).isEqualTo(RuntimeErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("refused a token").contains("credentials");
          });

      LocalImageStore store = LocalImageStore.pulling(dir.resolve("images"), RegistrySettings.DEFAULTS
          .withInsecure(Set.of(proxy.address())).withCredentials(Map.of(proxy.address(),
              new RegistrySettings.Credentials(LoopbackRegistry.USER, LoopbackRegistry.PASSWORD))),
          PlatformSelector.host());
      StoredImage pulled = store.pull(name);
      assertThat(pulled.rootfs().resolve("bin/busybox")).isRegularFile();
      assertThat(proxy.scopes).containsExactly("repository:greeter:pull");
      assertThat(proxy.tokenRequests).as("one refused, then one token for all calls").hasValue(2);
    }
  }

  private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RuntimeErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ContainerRuntimeException.class,
        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }
}
