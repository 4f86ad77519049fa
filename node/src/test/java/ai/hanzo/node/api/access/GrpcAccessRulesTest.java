package ai.hanzo.node.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrpcAccessRulesTest {
  @Test
  void grpcMessageIsPercentEncodedPrintableAscii() {
    assertThat(GrpcAccessRules.percentEncode("alice lacks deployment:create")).isEqualTo("alice lacks deployment:create");
    assertThat(GrpcAccessRules.percentEncode("100% ü\n")).isEqualTo("100%25 %C3%BC%0A");
  }

  @Test
  void encodingRoundTripsForRandomText() {
    long seed = 20261126L;
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        sb.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(95) : random.nextInt(0x800)));
      }
      String text = sb.toString();
      if (text.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
        continue;
      }
      String encoded = GrpcAccessRules.percentEncode(text);
      assertThat(encoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("seed %d case %d", seed, i).isTrue();
      assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8))
          .as("seed %d case %d", seed, i).isEqualTo(text);
    }
  }
}
