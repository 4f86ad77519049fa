package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerChallengeWithQuotedCommas() {
    AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg\","
        + "scope=\"repository:a/b:pull,push\"").orElseThrow();
    assertThat(challenge.scheme()).isEqualTo("bearer");
    assertThat(challenge.parameter("realm")).isEqualTo("https://auth.example/token");
    assertThat(challenge.parameter("service")).isEqualTo("reg");
    assertThat(challenge.parameter("scope")).isEqualTo("repository:a/b:pull,push");
  }

  @Test
  void basicAndOddInput() {
    assertThat(AuthChallenge.parse("Basic realm=\"x\"").orElseThrow().scheme()).isEqualTo("basic");
    assertThat(AuthChallenge.parse("Basic").orElseThrow().parameters()).isEmpty();
    assertThat(AuthChallenge.parse("Bearer realm=\"unterminated").orElseThrow().parameter("realm"))
        .isEqualTo("unterminated");
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse("{bad}")).isEmpty();
  }
}
