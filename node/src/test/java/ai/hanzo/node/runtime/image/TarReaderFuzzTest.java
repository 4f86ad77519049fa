package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Any byte stream as a layer: members with bounded content, or an ImageFormatException; never anything else. */
class TarReaderFuzzTest {
  @FuzzTest
  void read(byte[] input) throws IOException {
    TarReader reader = new TarReader(new ByteArrayInputStream(input));
    try {
      int members = 0;
      for (TarEntry entry = reader.next(); entry != null && members < 10_000; entry = reader.next()) {
        members++;
        assertThat(entry.name()).isNotEmpty();
        long read = reader.content().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(read).isLessThanOrEqualTo(input.length);
      }
    } catch (ImageFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
