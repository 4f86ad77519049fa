package ai.hanzo.node.runtime.host;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumePathsTest {
  @TempDir
  Path dataDir;

  private ContainerSpec with(VolumeMount volume) {
    return ContainerSpec.of("v", "", List.of("true")).withVolumes(List.of(volume));
  }

  @Test
  void pathsInsideTheDataDirAreAccepted() {
    assertThatCode(() -> VolumePaths.check(with(new VolumeMount(dataDir.resolve("vol/a"), "/data", false)),
        dataDir)).doesNotThrowAnyException();
    assertThatCode(() -> VolumePaths.check(with(new VolumeMount(Path.of("relative/b"), "/data", true)), dataDir))
        .doesNotThrowAnyException();
  }

  @Test
  void escapesAreRejected() throws IOException {
    Path outside = Files.createTempDirectory("outside");
    try {
      Files.createSymbolicLink(dataDir.resolve("link"), outside);
      for (VolumeMount bad : List.of(new VolumeMount(dataDir.resolve("../x"), "/data", false),
          new VolumeMount(Path.of("/etc"), "/data", false),
          new VolumeMount(dataDir, "/data", false),
          new VolumeMount(dataDir.resolve("link/inner"), "/data", false),
          new VolumeMount(dataDir.resolve("ok"), "data", false),
          new VolumeMount(dataDir.resolve("ok"), "/", false),
          new VolumeMount(dataDir.resolve("ok"), "/a/../../b", false))) {
        assertThatThrownBy(() -> VolumePaths.check(with(bad), dataDir)).as(bad.toString())
            .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("INVALID_SPEC");
      }
    } finally {
      ContainerDirectories.deleteTree(outside);
    }
  }
}
