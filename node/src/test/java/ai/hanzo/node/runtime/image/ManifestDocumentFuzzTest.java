package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever a registry serves as a manifest or config: a parsed document or an ImageFormatException. */
class ManifestDocumentFuzzTest {
  @FuzzTest
  void parse(byte[] input) {
    try {
      ManifestDocument document = ManifestDocument.parse(input, "");
      assertThat(document).isNotNull();
    } catch (ImageFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      assertThat(ImageConfig.parse(input)).isNotNull();
    } catch (ImageFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
