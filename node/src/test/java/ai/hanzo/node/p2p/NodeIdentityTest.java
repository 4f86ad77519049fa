package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  @Test
  void createdOnceAndStableAcrossLoads(@TempDir Path dir) throws Exception {
    NodeIdentity first = NodeIdentity.loadOrCreate(dir);
    NodeIdentity second = NodeIdentity.loadOrCreate(dir);

    assertThat(second.peerId()).isEqualTo(first.peerId());
    assertThat(first.peerId().toString()).startsWith("12D3KooW");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(NodeIdentity.FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void corruptKeyFileIsRefusedAndKept(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(NodeIdentity.FILE);
    Files.write(file, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir)).hasMessageContaining("identity.key");
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
  }
}
