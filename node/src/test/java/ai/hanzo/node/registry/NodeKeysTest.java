package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PublicKey;
import ai.hanzo.libp2p.crypto.KeyFormatException;
import ai.hanzo.libp2p.crypto.Secp256k1PrivateKey;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.RandomCases;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the registry adds to hanzo-libp2p's keys: the accepted forms, its error messages, stored keys. */
class NodeKeysTest {
  @Test
  void acceptsRawAndLibp2pFormsOfTheSameKey() {
    TestKeys keys = TestKeys.generate();
    assertThat(NodeKeys.decode(keys.raw(), "public_key").raw()).isEqualTo(keys.raw());
    assertThat(NodeKeys.decode(keys.libp2p(), "public_key").raw()).isEqualTo(keys.raw());
    byte[] message = "challenge".getBytes();
    assertThat(NodeKeys.verify(keys.raw(), message, keys.sign(message))).isTrue();
    assertThat(NodeKeys.verify(keys.raw(), "other".getBytes(), keys.sign(message))).isFalse();
    assertThat(NodeKeys.libp2pForm(keys.raw())).isEqualTo(keys.libp2p());
  }

  @Test
  void rejectsOtherKeyTypesWithAMessageNamingTheField() {
    byte[] secp = Secp256k1PrivateKey.generate().publicKey().marshal();
    assertRefused(secp, secp.length + " bytes", "SECP256K1");
  }

  @Test
  void rejectsAnEnvelopeClaimingAKeyTypeItDoesNotHold() {
    byte[] wrongType = new byte[36];
    wrongType[0] = 0x08;
    wrongType[1] = 0x02;
    wrongType[2] = 0x12;
    wrongType[3] = 0x20;
    assertRefused(wrongType, "36 bytes");
  }

  @Test
  void rejectsThirtyTwoBytesThatAreNotACurvePoint() {
    assertRefused(offCurveKey(), "not a point on the curve");
  }

  @Test
  void aStoredKeyThatIsNotACurvePointIsListedRawAndVerifiesNothing() {
    // Registrations stored before keys were checked may hold such keys; they must not break listing.
    byte[] offCurve = offCurveKey();
    assertThat(NodeKeys.libp2pForm(offCurve)).isEqualTo(offCurve);
    assertThat(NodeKeys.verify(offCurve, new byte[32], new byte[64])).isFalse();
  }

  @Test
  void decodingArbitraryBytesYieldsAKeyOrATypedError() {
    RandomCases.forAll(2000, gen -> {
      byte[] input = gen.bytes(80);
      if (gen.nextInt(4) == 0 && input.length >= 4) {
        // Often a plausible libp2p header, so the envelope parser is exercised too.
        input[0] = 0x08;
        input[1] = (byte) gen.nextInt(4);
        input[2] = 0x12;
        input[3] = (byte) (input.length - 4);
      }
      try {
        assertThat(NodeKeys.decode(input, "public_key").raw()).hasSize(32);
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
      gen.nextBytes(key);
      byte[] signature = gen.nextBoolean() ? new byte[64] : gen.bytes(70);
      gen.nextBytes(signature);
      assertThat(NodeKeys.verify(key, gen.bytes(100), signature)).isFalse();
    });
    assertThat(NodeKeys.verify(TestKeys.generate().raw(), new byte[1], null)).isFalse();
  }

  /** Decoding {@code key} is INVALID_ARGUMENT with a message naming the field and saying each of {@code says}. */
  private static void assertRefused(byte[] key, String... says) {
    assertThatThrownBy(() -> NodeKeys.decode(key, "public_key"))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).startsWith("public_key: ").contains(says);
        });
  }

  /** 32 bytes libp2p refuses as an Ed25519 key (about half of all values are not a curve point). */
  private static byte[] offCurveKey() {
    Random random = new Random(42);
    while (true) {
      byte[] candidate = new byte[32];
      random.nextBytes(candidate);
      try {
        Ed25519PublicKey.fromRaw(candidate);
      } catch (KeyFormatException e) {
        return candidate;
      }
    }
  }
}
