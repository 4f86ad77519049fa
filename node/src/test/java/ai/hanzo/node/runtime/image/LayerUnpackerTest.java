package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
  @TempDir
  Path dir;

  private Path rootfs() throws IOException {
    return Files.createDirectories(dir.resolve("rootfs"));
  }

  private Digest apply(Path rootfs, byte[] layer) throws IOException {
    Path file = Files.createTempFile(dir, "layer", ".tar");
    Files.write(file, layer);
    return new LayerUnpacker(rootfs).apply(file);
  }

  @Test
  void layersStackAndWhiteoutsRemoveLowerEntries() throws IOException {
    Path rootfs = rootfs();
    apply(rootfs, new TarBuilder().dir("etc/").file("etc/keep", "k").file("etc/gone", "g").dir("var/")
        .file("var/old", "o").build());
    apply(rootfs, new TarBuilder().file("etc/.wh.gone", "").file("etc/new", "n").file("etc/keep", "k2").build());

    assertThat(rootfs.resolve("etc/gone")).doesNotExist();
    assertThat(rootfs.resolve("etc/.wh.gone")).doesNotExist();
    assertThat(rootfs.resolve("etc/keep")).hasContent("k2");
    assertThat(rootfs.resolve("etc/new")).hasContent("n");
    assertThat(rootfs.resolve("var/old")).hasContent("o");
  }

  @Test
  void opaqueWhiteoutHidesLowerContentButKeepsThisLayers() throws IOException {
    Path rootfs = rootfs();
    apply(rootfs, new TarBuilder().dir("data/").file("data/lower", "l").dir("data/sub/").file("data/sub/deep", "d")
        .build());
    apply(rootfs, new TarBuilder().dir("data/").file("data/upper", "u").file("data/.wh..wh..opq", "").build());

    assertThat(rootfs.resolve("data/upper")).hasContent("u");
    assertThat(rootfs.resolve("data/lower")).doesNotExist();
    assertThat(rootfs.resolve("data/sub")).doesNotExist();
    assertThat(rootfs.resolve("data/.wh..wh..opq")).doesNotExist();
  }

  @Test
  void gzipLayersUnpackAndTheDiffIdIsOfTheUncompressedTar() throws IOException {
    TarBuilder layer = new TarBuilder().file("hello", "world");
    Digest diffId = apply(rootfs(), layer.gzipped());
    assertThat(diffId).isEqualTo(Digest.of(layer.build()));
    assertThat(dir.resolve("rootfs/hello")).hasContent("world");
  }

  @Test
  void dotDotMembersAreRefused() throws IOException {
    Files.writeString(dir.resolve("victim"), "original");
    Path rootfs = rootfs();
    assertThatThrownBy(() -> apply(rootfs, new TarBuilder().file("../victim", "owned").build()))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("'..'");
    assertThatThrownBy(() -> apply(rootfs, new TarBuilder().hardlink("link", "../victim").build()))
        .isInstanceOf(ImageFormatException.class);
    assertThat(dir.resolve("victim")).hasContent("original");
  }

  @Test
  void symlinksCannotCarryWritesOutOfTheRootfs() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path rootfs = rootfs();
    apply(rootfs, new TarBuilder().symlink("abs", outside.toString()).symlink("rel", "../../outside")
        .file("abs/a", "1").file("rel/b", "2").build());

    assertThat(outside).isEmptyDirectory();
    // followed as the container would see them: inside the rootfs
    assertThat(rootfs.resolve(outside.toString().substring(1)).resolve("a")).hasContent("1");
    assertThat(rootfs.resolve("outside/b")).hasContent("2");
    assertThat(Files.isSymbolicLink(rootfs.resolve("abs"))).isTrue();
  }

  @Test
  void hardLinksPointAtEarlierFilesOnly() throws IOException {
    Path rootfs = rootfs();
    apply(rootfs, new TarBuilder().file("a", "same").hardlink("b", "a").build());
    assertThat(rootfs.resolve("b")).hasContent("same");
    assertThatThrownBy(() -> apply(rootfs, new TarBuilder().hardlink("c", "missing").build()))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("hard link");
  }

  @Test
  void aCorruptHeaderIsAFormatError() throws IOException {
    byte[] layer = new TarBuilder().file("x", "y").build();
    layer[10] ^= 0x7f;
    Path rootfs = rootfs();
    assertThatThrownBy(() -> apply(rootfs, layer)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("checksum");
  }
}
