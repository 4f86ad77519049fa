package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Any text parses to a reference whose canonical form parses back to it, or fails as INVALID_SPEC. */
class ImageReferenceFuzzTest {
  @FuzzTest
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    ImageReference reference;
    try {
      reference = ImageReference.parse(text);
    } catch (ContainerRuntimeException e) {
      assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC);
      return;
    }
    assertThat(ImageReference.parse(reference.canonical())).isEqualTo(reference);
    assertThat(ImageReference.parse(reference.familiar())).isEqualTo(reference);
  }
}
