package ai.hanzo.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class KeyEnvelopeFuzzTest {
  @FuzzTest
  void publicKeyEnvelope(byte[] input) {
    try {
      PublicKey key = PublicKey.unmarshal(input);
      assertThat(PublicKey.unmarshal(key.marshal())).isEqualTo(key);
      assertThat(key.verify(input, input)).isFalse();
    } catch (KeyFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest
  void privateKeyEnvelope(byte[] input) {
    try {
      PrivateKey key = PrivateKey.unmarshal(input);
      assertThat(key.publicKey().verify(input, key.sign(input))).isTrue();
    } catch (KeyFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
