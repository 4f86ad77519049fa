package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
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

  @Property(tries = 500)
  void decodingArbitraryBytesYieldsAKeyOrATypedError(@ForAll @Size(max = 80) byte[] input) {
    try {
      assertThat(Ed25519Keys.decode(input, "public_key")).hasSize(32);
    } catch (NodeException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Property(tries = 300)
  void verifyingGarbageIsFalseNeverAnException(@ForAll @Size(32) byte[] key, @ForAll byte[] message,
      @ForAll @Size(max = 70) byte[] signature) {
    assertThat(Ed25519Keys.verify(key, message, signature)).isFalse();
  }

  @Test
  void peerIdOfAKnownKeyMatchesLibp2p() {
    // Expected value computed independently (base58btc of 00 24 08 01 12 20 + 32 zero bytes).
    assertThat(PeerIds.fromEd25519(new byte[32])).isEqualTo("12D3KooW9pNAk8aiBuGVQtWRdbkLmo5qVL3e2h5UxbN2Nz9ttwiw")
        .startsWith("12D3KooW");
  }
}
