package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.testing.RandomCases;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
  @Test
  void acceptsRawAndLibp2pFormsOfTheSameKey() {
    TestKeys keys = TestKeys.generate();
    assertThat(Ed25519Keys.decode(keys.raw(), "public_key")).isEqualTo(keys.raw());
    assertThat(Ed25519Keys.decode(keys.libp2p(), "public_key")).isEqualTo(keys.raw());
    byte[] message = "challenge".getBytes();
    assertThat(Ed25519Keys.verify(keys.raw(), message, keys.sign(message))).isTrue();
    assertThat(Ed25519Keys.verify(keys.raw(), "other".getBytes(), keys.sign(message))).isFalse();
  }

  @Test
  void rejectsOtherKeyTypesWithAMessageNamingTheField() {
    byte[] secp = new byte[36];
    secp[0] = 0x08;
    secp[1] = 0x02;
    secp[2] = 0x12;
    secp[3] = 0x20;
    assertThatThrownBy(() -> Ed25519Keys.decode(secp, "public_key"))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).startsWith("public_key: ").contains("36 bytes");
        });
  }

  @Test
  void decodingArbitraryBytesYieldsAKeyOrATypedError() {
    RandomCases.forAll(2000, gen -> {
      byte[] input = gen.bytes(80);
      if (gen.random().nextInt(4) == 0 && input.length >= 4) {
        // Often a plausible libp2p header, so the prefix check is exercised too.
        input[0] = 0x08;
        input[1] = (byte) gen.random().nextInt(4);
        input[2] = 0x12;
        input[3] = (byte) (input.length - 4);
      }
      try {
        assertThat(Ed25519Keys.decode(input, "public_key")).hasSize(32);
      } catch (NodeException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).startsWith("public_key: ");
      }
    });
  }

  @Test
  void verifyingGarbageIsFalseNeverAnException() {
    RandomCases.forAll(500, gen -> {
      byte[] key = new byte[32];
      gen.random().nextBytes(key);
      byte[] signature = gen.random().nextBoolean() ? new byte[64] : gen.bytes(70);
      gen.random().nextBytes(signature);
      assertThat(Ed25519Keys.verify(key, gen.bytes(100), signature)).isFalse();
    });
  }

  @Test
  void peerIdOfAKnownKeyMatchesLibp2p() {
    // Expected value computed independently (base58btc of 00 24 08 01 12 20 + 32 zero bytes).
    assertThat(PeerIds.fromEd25519(new byte[32])).isEqualTo("12D3KooW9pNAk8aiBuGVQtWRdbkLmo5qVL3e2h5UxbN2Nz9ttwiw")
        .startsWith("12D3KooW");
  }
}
