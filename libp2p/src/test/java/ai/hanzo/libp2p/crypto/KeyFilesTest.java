package ai.hanzo.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void savesOwnerOnlyAndLoadsTheSameKey() throws Exception {
    Path file = dir.resolve("sub/identity.key");
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    KeyFiles.save(file, key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllBytes(file)).isEqualTo(key.marshal());
    assertThat(KeyFiles.load(file).publicKey()).isEqualTo(key.publicKey());
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void loadOrCreateKeepsTheIdentityStable() throws Exception {
    Path file = dir.resolve("identity.key");
    PrivateKey first = KeyFiles.loadOrCreateEd25519(file);
    PrivateKey second = KeyFiles.loadOrCreateEd25519(file);
    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(first.type()).isEqualTo(KeyType.ED25519);
  }

  @Test
  void garbageFileFailsWithItsName() throws Exception {
    Path file = dir.resolve("bad.key");
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> KeyFiles.load(file)).isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("bad.key");
  }
}
