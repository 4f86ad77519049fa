package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {
  @Test
  void unescapesTheKernelsOctalEscapes() {
    assertThat(MountTable.unescape("/data/my\\040dir/tab\\011x/back\\134slash"))
        .isEqualTo("/data/my dir/tab\tx/back\\slash");
  }

  @Test
  void leavesIncompleteOrNonOctalEscapesAlone() {
    assertThat(MountTable.unescape("/a\\04")).isEqualTo("/a\\04");
    assertThat(MountTable.unescape("/a\\09x")).isEqualTo("/a\\09x");
  }

  @Test
  void theRootIsAlwaysAMountPointAndAPlainDirectoryIsNot() {
    assertThat(MountTable.isMountPoint(Path.of("/"))).isTrue();
    assertThat(MountTable.isMountPoint(Path.of("/proc/self/fd"))).isFalse();
  }
}
