package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageStoreIT {
  @TempDir
  Path dir;

  /** Deleted here, not by JUnit, which warns about every absolute symlink of the unpacked busybox. */
  @AfterEach
  void deleteUnpackedImages() {
    ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(dir);
  }

  @Test
  void importedRootfsIsFoundByNameListedAndRemoved() throws Exception {
    org.assertj.core.api.Assumptions.assumeThat(BusyboxImage.hostHasBusybox())
        .as("busybox-static is not installed").isTrue();
    LocalImageStore store = LocalImageStore.offline(dir.resolve("images"));
    Path rootfs = store.importRootfsTar("library/busybox:1", BusyboxImage.buildTar(dir));

    assertThat(rootfs.resolve("bin/busybox")).isRegularFile();
    assertThat(Files.isSymbolicLink(rootfs.resolve("bin/sh"))).isTrue();
    assertThat(store.rootfs("library/busybox:1")).contains(rootfs);
    assertThat(store.rootfs("library/busybox:2")).isEmpty();
    assertThat(store.list()).containsExactly("busybox:1");

    store.remove("library/busybox:1");
    assertThat(store.rootfs("library/busybox:1")).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void aTarCannotWriteOutsideTheStore() throws Exception {
    Path source = dir.resolve("source");
    Files.createDirectories(source.resolve("inner"));
    Files.writeString(dir.resolve("escaped"), "original");
    Path tar = dir.resolve("hostile.tar");
    // -P keeps the "../" in the member name, as a hostile tar would
    HostCommand.check(List.of("tar", "-C", source.resolve("inner").toString(), "-P", "-cf", tar.toString(),
        "../../escaped"), Duration.ofSeconds(30));
    LocalImageStore store = LocalImageStore.offline(dir.resolve("store/images"));

    assertThatThrownBy(() -> store.importRootfsTar("hostile", tar))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC));
    assertThat(store.list()).isEmpty();

    assertThat(Files.readString(dir.resolve("escaped"))).isEqualTo("original");
    assertThat(dir.resolve("store/escaped")).doesNotExist();
  }

  @Test
  void badNamesAndMissingTarsAreCleanErrors() {
    LocalImageStore store = LocalImageStore.offline(dir.resolve("images"));
    assertThatThrownBy(() -> store.importRootfsTar("../evil", dir.resolve("x.tar")))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC));
    assertThatThrownBy(() -> store.importRootfsTar("ok", dir.resolve("missing.tar")))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> store.remove("never-imported"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND));
  }
}
