package ai.hanzo.libp2p.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.EcdsaPrivateKey;
import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.Secp256k1PrivateKey;
import ai.hanzo.libp2p.multiformats.Multihash;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PeerIdTest {
  private static final String JS_PEER = "12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB";
  private static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(HexFormat.of().parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

  @Test
  void ed25519IdMatchesTheJsVector() {
    PeerId id = PeerId.fromPublicKey(KEY.publicKey());
    assertThat(id.toString()).isEqualTo(JS_PEER);
    assertThat(HexFormat.of().formatHex(id.toBytes())).isEqualTo(
        "00240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
    assertThat(PeerId.parse(JS_PEER)).isEqualTo(id);
    assertThat(id.publicKey()).contains(KEY.publicKey());
    assertThat(id.matches(KEY.publicKey())).isTrue();
    assertThat(id.matches(Ed25519PrivateKey.generate().publicKey())).isFalse();
  }

  @Test
  void cidFormRoundTrips() {
    PeerId id = PeerId.fromPublicKey(KEY.publicKey());
    String cid = id.toCid();
    assertThat(cid).startsWith("bafzaa");
    assertThat(PeerId.parse(cid)).isEqualTo(id);
  }

  @Test
  void largeKeysAreHashed() {
    PeerId ecdsa = PeerId.fromPublicKey(EcdsaPrivateKey.generate().publicKey());
    assertThat(ecdsa.multihash().code()).isEqualTo(Multihash.SHA2_256);
    assertThat(ecdsa.toString()).startsWith("Qm");
    assertThat(ecdsa.publicKey()).isEmpty();
    assertThat(PeerId.parse(ecdsa.toString())).isEqualTo(ecdsa);
    assertThat(PeerId.parse(ecdsa.toCid())).isEqualTo(ecdsa);
    PeerId secp = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
    assertThat(secp.multihash().code()).isEqualTo(Multihash.IDENTITY);
    assertThat(secp.toString()).startsWith("16Uiu2");
  }

  @Test
  void rejectsMalformedIds() {
    for (String bad : new String[] {"", "12D3KooW", "Qm", "bafy", "zzz", "b", "baaa",
        "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"}) {
      assertThatThrownBy(() -> PeerId.parse(bad)).as(bad)
          .isInstanceOf(MultiformatException.class).hasMessageContaining("invalid peer id");
    }
  }
}
