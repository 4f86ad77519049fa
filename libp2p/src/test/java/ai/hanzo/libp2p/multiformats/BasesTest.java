package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BasesTest {
  @Test
  void base58MatchesKnownVectors() {
    assertThat(Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("2NEpo7TZRRrLZSi2U");
    assertThat(Base58.encode(HexFormat.of().parseHex("00000102"))).isEqualTo("115T");
    assertThat(Base58.decode("115T")).isEqualTo(HexFormat.of().parseHex("00000102"));
    assertThat(Base58.encode(new byte[0])).isEmpty();
    assertThatThrownBy(() -> Base58.decode("0OIl")).isInstanceOf(MultiformatException.class)
        .hasMessageContaining("'0'");
  }

  @Test
  void base32MatchesRfc4648Vectors() {
    String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"},
        {"foob", "mzxw6yq"}, {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
    for (String[] v : vectors) {
      assertThat(Base32.encode(v[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(v[1]);
      assertThat(new String(Base32.decode(v[1]), StandardCharsets.US_ASCII)).isEqualTo(v[0]);
    }
    assertThatThrownBy(() -> Base32.decode("m")).isInstanceOf(MultiformatException.class);
    assertThatThrownBy(() -> Base32.decode("mz")).isInstanceOf(MultiformatException.class)
        .hasMessageContaining("trailing bits");
    assertThatThrownBy(() -> Base32.decode("my1")).isInstanceOf(MultiformatException.class);
  }

  @Test
  void multibaseDispatchesOnPrefix() {
    assertThat(Multibase.decode("zStV1DL6CwTryKyV")).isEqualTo(
        "hello world".getBytes(StandardCharsets.US_ASCII));
    assertThat(Multibase.encode(Multibase.Base.BASE32, "f".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("bmy");
    assertThatThrownBy(() -> Multibase.decode("")).isInstanceOf(MultiformatException.class);
    assertThatThrownBy(() -> Multibase.decode("mAAA")).isInstanceOf(MultiformatException.class)
        .hasMessageContaining("'m'");
  }

  @Test
  void multihashChecksLengthsAndCodes() {
    HexFormat hex = HexFormat.of();
    assertThat(Multihash.sha256(new byte[0]).toBytes()).isEqualTo(hex.parseHex(
        "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThatThrownBy(() -> Multihash.fromBytes(hex.parseHex("120100")))
        .isInstanceOf(MultiformatException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Multihash.fromBytes(hex.parseHex("000301")))
        .isInstanceOf(MultiformatException.class).hasMessageContaining("3-byte digest");
    assertThatThrownBy(() -> Multihash.fromBytes(hex.parseHex("1300")))
        .isInstanceOf(MultiformatException.class).hasMessageContaining("0x13");
    assertThatThrownBy(() -> Multihash.fromBytes(new byte[0]))
        .isInstanceOf(MultiformatException.class);
    assertThat(Multihash.fromBytes(hex.parseHex("0000")).digest()).isEmpty();
  }

  @Test
  void varintRejectsNonMinimalAndOverlong() {
    HexFormat hex = HexFormat.of();
    assertThatThrownBy(() -> Varint.decode(hex.parseHex("8000"), 0))
        .isInstanceOf(MultiformatException.class).hasMessageContaining("minimally");
    assertThatThrownBy(() -> Varint.decode(hex.parseHex("ffffffffffffffffff01"), 0))
        .isInstanceOf(MultiformatException.class);
    assertThat(Varint.decode(hex.parseHex("ac02"), 0)).containsExactly(300, 2);
  }
}
