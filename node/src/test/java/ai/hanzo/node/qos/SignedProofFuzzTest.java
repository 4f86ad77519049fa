package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive as a proof (the verify route and stored records take them), reading them ends in a proof or
 * a {@link MalformedProofException} naming the field, and verifying them never throws; runs over the seeds.
 */
class SignedProofFuzzTest {
  @FuzzTest
  void readAndVerify(byte[] input) {
    try {
      SignedProof proof = SignedProof.fromBytes(input);
      assertThat(SignedProof.fromBytes(proof.toBytes())).isEqualTo(proof);
    } catch (MalformedProofException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    Verification v = ProofVerifier.verify(input);
    assertThat(v.valid() || !v.reason().isEmpty()).isTrue();
  }
}
