package ai.hanzo.libp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED = HEX.parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final byte[] MESSAGE = "libp2p".getBytes(StandardCharsets.UTF_8);

  @Test
  void ed25519FromSeedMatchesTheJsVector() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
    assertThat(HEX.formatHex(key.publicKey().raw()))
        .isEqualTo("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
    assertThat(HEX.formatHex(key.publicKey().marshal())).isEqualTo(
        "0801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
  }

  @Test
  void ed25519MatchesRfc8032TestOne() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HEX.formatHex(key.publicKey().raw()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void everySigningKeySignsVerifiesAndRoundTrips() {
    for (PrivateKey key : List.of(Ed25519PrivateKey.generate(), Secp256k1PrivateKey.generate(),
        EcdsaPrivateKey.generate())) {
      byte[] signature = key.sign(MESSAGE);
      PublicKey pub = key.publicKey();
      assertThat(pub.verify(MESSAGE, signature)).as(key.type().name()).isTrue();
      assertThat(pub.verify("other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
      assertThat(pub.verify(MESSAGE, new byte[] {1, 2, 3})).isFalse();
      assertThat(PublicKey.unmarshal(pub.marshal())).isEqualTo(pub);
      PrivateKey copy = PrivateKey.unmarshal(key.marshal());
      assertThat(copy.publicKey()).isEqualTo(pub);
      assertThat(pub.verify(MESSAGE, copy.sign(MESSAGE))).isTrue();
      assertThat(copy.toString()).doesNotContain(HEX.formatHex(key.raw()));
    }
  }

  @Test
  void keyShapesFollowTheSpec() {
    assertThat(Secp256k1PrivateKey.generate().publicKey().raw()).hasSize(33);
    assertThat(Ed25519PrivateKey.generate().raw()).hasSize(64);
    assertThat(EcdsaPrivateKey.generate().raw()).hasSize(121);
    byte[] ecdsaPub = EcdsaPrivateKey.generate().publicKey().raw();
    assertThat(ecdsaPub[0]).isEqualTo((byte) 0x30);
  }

  @Test
  void secp256k1SignaturesAreLowS() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate();
    for (int i = 0; i < 20; i++) {
      byte[] sig = key.sign(new byte[] {(byte) i});
      assertThat(Secp256k1Curve.decodeSignature(sig)[1]).isLessThanOrEqualTo(
          Secp256k1Curve.HALF_ORDER);
    }
  }

  @Test
  void rsaVerifiesPkcs1Sha256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var pair = generator.generateKeyPair();
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(MESSAGE);
    byte[] sig = signer.sign();
    PublicKey pub = PublicKey.unmarshal(RsaPublicKey.fromPkix(pair.getPublic().getEncoded()).marshal());
    assertThat(pub.type()).isEqualTo(KeyType.RSA);
    assertThat(pub.verify(MESSAGE, sig)).isTrue();
    assertThat(pub.verify(new byte[0], sig)).isFalse();
  }

  @Test
  void rejectsWeakRsaAndRsaPrivateKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    byte[] weak = generator.generateKeyPair().getPublic().getEncoded();
    assertThatThrownBy(() -> RsaPublicKey.fromPkix(weak)).isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("1024 bits");
    assertThatThrownBy(() -> PrivateKey.unmarshal(HEX.parseHex("08001200")))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("RSA");
  }

  @Test
  void malformedEnvelopesFailWithKeyFormatException() {
    String[] bad = {"", "0801", "1220" + "00".repeat(32), "08011203010203", "0802120100",
        "0803120100", "080112200000", "ff", "0805122000"};
    for (String hex : bad) {
      assertThatThrownBy(() -> PublicKey.unmarshal(HEX.parseHex(hex))).as(hex)
          .isInstanceOf(KeyFormatException.class);
      assertThatThrownBy(() -> PrivateKey.unmarshal(HEX.parseHex(hex))).as(hex)
          .isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void ed25519PrivateKeyWithForeignPublicHalfIsRejected() {
    byte[] raw = Ed25519PrivateKey.fromSeed(SEED).raw();
    raw[40] ^= 1;
    assertThatThrownBy(() -> Ed25519PrivateKey.fromRaw(raw))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("does not match");
  }
}
