package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Any text as a bearer token: accepted never (no key can have signed it), refused with a reason, nothing else. */
class JwtVerifierFuzzTest {
  private final JwtVerifier verifier = new JwtVerifier(List.of("HS256", "HS512"),
      "fuzz-secret-fuzz-secret-fuzz-secret-0123", null,
      new TokenClaimsCheck("https://issuer.example", "hanzo-node", Duration.ofSeconds(60), Clock.systemUTC()));

  @FuzzTest
  void arbitraryTokens(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);
    try {
      verifier.verify(token);
      throw new AssertionError("a token without a valid signature was accepted: " + token);
    } catch (AuthenticationException expected) {
      assertThat(expected.reason()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
