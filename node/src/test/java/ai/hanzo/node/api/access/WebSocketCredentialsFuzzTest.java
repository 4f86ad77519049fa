package ai.hanzo.node.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any Sec-WebSocket-Protocol value a client sends parses without an exception, to at most one credential that is
 * a non-empty part of what was sent (the parser never invents or joins one).
 */
class WebSocketCredentialsFuzzTest {
  @FuzzTest
  void parse(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    WebSocketCredentials.Offered offered = WebSocketCredentials.parse(header);
    assertThat(offered.apiKey() != null && offered.bearerToken() != null).isFalse();
    String credential = offered.apiKey() != null ? offered.apiKey() : offered.bearerToken();
    if (credential != null) {
      assertThat(credential).isNotEmpty().doesNotContain(",");
      assertThat(header).contains(credential);
    }
  }
}
