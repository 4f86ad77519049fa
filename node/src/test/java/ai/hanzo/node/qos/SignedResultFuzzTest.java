package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive on {@code hanzo/qos/v1} (or as the respond route's challenge), reading them ends in a result
 * or challenge (which reads back equal from its own bytes) or a {@link MalformedProofException} naming the field, and
 * verifying them never throws; runs over the seeds.
 */
class SignedResultFuzzTest {
  @FuzzTest
  void readAndVerify(byte[] input) {
    try {
      SignedResult result = SignedResult.fromBytes(input);
      assertThat(SignedResult.fromBytes(result.toBytes())).isEqualTo(result);
    } catch (MalformedProofException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      SignedChallenge challenge = SignedChallenge.fromBytes(input);
      assertThat(SignedChallenge.fromBytes(challenge.toBytes())).isEqualTo(challenge);
      challenge.signatureValid();
    } catch (MalformedProofException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    Verification v = ResultVerifier.verify(input);
    assertThat(v.valid() || !v.reason().isEmpty()).isTrue();
  }
}
