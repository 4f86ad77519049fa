package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir
  Path dir;

  @Test
  void verifiedContentIsStoredUnderItsDigest() throws IOException {
    BlobStore store = new BlobStore(dir);
    byte[] content = "layer".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of(content);
    Path stored = store.write(new ByteArrayInputStream(content), digest, content.length, "blob");
    assertThat(stored).hasBinaryContent(content);
    assertThat(store.find(digest)).contains(stored);
    assertThat(store.all()).containsExactly(digest);
  }

  @Test
  void aDigestMismatchIsRefusedAndLeavesNothing() throws IOException {
    BlobStore store = new BlobStore(dir);
    byte[] content = "tampered".getBytes(StandardCharsets.UTF_8);
    Digest promised = Digest.of("original".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.write(new ByteArrayInputStream(content), promised, content.length, "layer 1"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining(promised.toString())
        .hasMessageContaining("corrupt");
    assertThat(store.find(promised)).isEmpty();
    assertNoTempFiles();
  }

  @Test
  void contentLongerOrShorterThanPromisedIsRefused() throws IOException {
    BlobStore store = new BlobStore(dir);
    byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of(content);
    assertThatThrownBy(() -> store.write(new ByteArrayInputStream(content), digest, 4, "blob"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("longer");
    assertThatThrownBy(() -> store.write(new ByteArrayInputStream(content), digest, 40, "blob"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("shorter");
    assertThat(store.find(digest)).isEmpty();
    assertNoTempFiles();
  }

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> temp = Files.list(dir.resolve("blobs/tmp"))) {
      assertThat(temp).isEmpty();
    }
  }
}
