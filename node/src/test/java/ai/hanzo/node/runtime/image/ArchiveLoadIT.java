package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load} of docker-save tars and of OCI image layout tars written by skopeo, and of hostile archives. */
class ArchiveLoadIT {
  @TempDir
  Path dir;

  @AfterEach
  void deleteUnpackedImages() {
    ContainerDirectories.deleteTree(dir);
  }

  private LocalImageStore store() {
    return LocalImageStore.offline(dir.resolve("images"));
  }

  @Test
  void dockerSaveArchiveLoadsUnderItsRepoTags() throws Exception {
    LoopbackRegistry.requireTools();
    LocalImageStore store = store();
    assertThat(store.load(TestArchives.greeterDockerArchive(dir, "local/greeter:2"), Optional.empty()))
        .containsExactly("local/greeter:2");
    StoredImage image = store.find("local/greeter:2").orElseThrow();
    assertThat(image.rootfs().resolve("bin/busybox")).isRegularFile();
    assertThat(image.config().cmd()).containsExactly("echo $GREETING from $PWD");
  }

  @Test
  void ociLayoutFromSkopeoLoadsByRefNameOrByGivenName() throws Exception {
    LoopbackRegistry.requireTools();
    Path docker = TestArchives.greeterDockerArchive(dir, "greeter:1");
    Path named = dir.resolve("named-oci.tar");
    Path tagOnly = dir.resolve("tag-only-oci.tar");
    skopeo("docker-archive:" + docker, "oci-archive:" + named + ":local/greeter:3");
    skopeo("docker-archive:" + docker, "oci-archive:" + tagOnly + ":3");
    LocalImageStore store = store();

    assertThat(store.load(named, Optional.empty())).containsExactly("local/greeter:3");
    assertThat(store.find("local/greeter:3").orElseThrow().config().entrypoint()).containsExactly("/bin/sh", "-c");

    assertThatThrownBy(() -> store.load(tagOnly, Optional.empty()))
        .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC);
          assertThat(e.getMessage()).contains("--name");
        });
    assertThat(store.load(tagOnly, Optional.of("renamed:3"))).containsExactly("renamed:3");
    assertThat(store.find("renamed:3").orElseThrow().record().config())
        .isEqualTo(store.find("local/greeter:3").orElseThrow().record().config());
  }

  @Test
  void archivesCannotReachOutsideThemselves() throws Exception {
    LocalImageStore store = store();
    Path traversal = write("traversal.tar", new TarBuilder().file("manifest.json",
        "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"../../etc/hostname\"]}]")
        .file("c.json", "{}").build());
    assertThatThrownBy(() -> store.load(traversal, Optional.empty()))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("'..'");

    Path symlinked = write("symlinked.tar", new TarBuilder().file("manifest.json",
        "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"layer.tar\"]}]")
        .file("c.json", "{}").symlink("layer.tar", "/etc/hostname").build());
    assertThatThrownBy(() -> store.load(symlinked, Optional.empty()))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("lacks");

    Path neither = write("neither.tar", new TarBuilder().file("readme", "hi").build());
    assertThatThrownBy(() -> store.load(neither, Optional.empty()))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("neither");
    assertThat(store.list()).isEmpty();
    assertThat(dir.resolve("images/tmp")).isEmptyDirectory();
  }

  private Path write(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  private static void skopeo(String from, String to) {
    HostCommand.Result result = HostCommand.run(List.of("skopeo", "--insecure-policy", "copy", "-q", from, to),
        Duration.ofMinutes(2));
    assertThat(result.ok()).as("skopeo copy failed: %s", result.message()).isTrue();
  }

  @Test
  void aPlainRootfsTarBecomesAOneLayerImage() throws Exception {
    LocalImageStore store = store();
    Path tar = write("rootfs.tar", new TarBuilder().dir("etc/").file("etc/motd", "hi")
        .build());
    Path rootfs = store.importRootfsTar("plain:1", tar);
    assertThat(rootfs.resolve("etc/motd")).hasContent("hi");
    assertThat(store.list()).containsExactly("plain:1");
  }
}
