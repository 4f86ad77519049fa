package ai.hanzo.node.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * Damaged model files: random bytes of a real header changed, the file cut anywhere, or both. The reader either
 * reads a header that stays within the file or refuses with a GgufFormatException; nothing else may escape.
 */
class GgufReaderPropertyTest {
  private static final byte[] MODEL = TinyLlama.writer(7).toBytes();
  /** The header is the interesting part: the tokens end well before 8 KiB, the weights follow. */
  private static final int HEADER_BYTES = 8192;

  @Test
  void damagedFilesAreReadWithinTheirBoundsOrRefused() {
    RandomCases.forAll(400, gen -> {
      int length = gen.nextInt(4) == 0 ? gen.nextInt(MODEL.length + 1) : MODEL.length;
      byte[] bytes = java.util.Arrays.copyOf(MODEL, length);
      int changes = gen.nextInt(8);
      for (int i = 0; i < changes && length > 0; i++) {
        int at = gen.nextInt(Math.min(length, HEADER_BYTES));
        bytes[at] = gen.nextInt(3) == 0 ? (byte) 0xFF : (byte) gen.nextInt(256);
      }
      readsWithinBoundsOrRefuses(bytes);
    });
  }

  @Test
  void randomBytesAfterTheMagicAreRefusedOrRead() {
    RandomCases.forAll(400, gen -> {
      byte[] bytes = gen.bytes(512);
      if (bytes.length >= 8) {
        System.arraycopy(new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0}, 0, bytes, 0, 8);
      }
      readsWithinBoundsOrRefuses(bytes);
    });
  }

  static void readsWithinBoundsOrRefuses(byte[] bytes) throws java.io.IOException {
    try {
      GgufFile gguf = GgufReader.read(new ByteArrayInputStream(bytes), bytes.length);
      assertThat(gguf.tensors().size()).isLessThanOrEqualTo(bytes.length);
      assertThat(gguf.metadata().size()).isLessThanOrEqualTo(bytes.length);
      for (TensorInfo t : gguf.tensors()) {
        assertThat(gguf.dataOffset() + t.offset() + t.bytes()).isLessThanOrEqualTo(bytes.length);
      }
    } catch (GgufFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
