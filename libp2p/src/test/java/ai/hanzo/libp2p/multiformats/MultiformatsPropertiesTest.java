package ai.hanzo.libp2p.multiformats;

import static ai.hanzo.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips and clean failures of the multiformats codecs over seeded random cases. */
class MultiformatsPropertiesTest {
  private static final int CASES = 2000;

  @Test
  void varintRoundTrips() {
    forAll(CASES, r -> {
      long value = (r.nextLong() & Long.MAX_VALUE) >>> r.nextInt(63);
      byte[] encoded = Varint.encode(value);
      assertThat(encoded).hasSize(Varint.encodedLength(value));
      assertThat(Varint.decode(encoded, 0)).containsExactly(value, encoded.length);
    });
  }

  @Test
  void base58RoundTrips() {
    forAll(CASES, r -> {
      byte[] data = r.bytes(80);
      if (r.nextInt(4) == 0 && data.length > 0) {
        data[0] = 0; // leading zero bytes have their own encoding
      }
      assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
    });
  }

  @Test
  void base32RoundTrips() {
    forAll(CASES, r -> {
      byte[] data = r.bytes(80);
      String text = Base32.encode(data);
      assertThat(text).matches("[a-z2-7]*");
      assertThat(Base32.decode(text)).isEqualTo(data);
    });
  }

  @Test
  void multibaseRoundTrips() {
    forAll(CASES, r -> {
      byte[] data = r.bytes(64);
      for (Multibase.Base base : Multibase.Base.values()) {
        assertThat(Multibase.decode(Multibase.encode(base, data))).isEqualTo(data);
      }
    });
  }

  @Test
  void base58DecodeEitherFailsCleanlyOrRoundTrips() {
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/ ";
    forAll(CASES, r -> {
      StringBuilder text = new StringBuilder();
      for (int i = r.nextInt(61); i > 0; i--) {
        text.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      try {
        assertThat(Base58.encode(Base58.decode(text.toString()))).isEqualTo(text.toString());
      } catch (MultiformatException expected) {
        assertThat(expected).hasMessageContaining("base58");
      }
    });
  }

  @Test
  void multihashRoundTrips() {
    forAll(CASES, r -> {
      byte[] data = r.bytes(64);
      for (Multihash hash : List.of(Multihash.identity(data), Multihash.sha256(data))) {
        assertThat(Multihash.fromBytes(hash.toBytes())).isEqualTo(hash);
      }
    });
  }

  @Test
  void multiaddrRoundTrips() {
    forAll(CASES, r -> {
      List<MultiaddrComponent> components = new ArrayList<>();
      for (int i = r.nextInt(6); i > 0; i--) {
        components.add(component(r));
      }
      Multiaddr addr = Multiaddr.of(components);
      assertThat(Multiaddr.fromBytes(addr.toBytes())).isEqualTo(addr);
      assertThat(Multiaddr.parse(addr.toString())).isEqualTo(addr);
    });
  }

  @Test
  void multiaddrBytesFailOnlyCleanly() {
    forAll(CASES * 5, r -> {
      byte[] bytes = r.bytes(40);
      try {
        assertThat(Multiaddr.fromBytes(bytes).toBytes()).isEqualTo(bytes);
      } catch (MultiformatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }

  private static MultiaddrComponent component(RandomCases r) {
    switch (r.nextInt(6)) {
      case 0:
        return new MultiaddrComponent(Protocol.IP4, r.exactly(4));
      case 1:
        return new MultiaddrComponent(Protocol.IP6, r.exactly(16));
      case 2:
        return new MultiaddrComponent(Protocol.TCP, r.exactly(2));
      case 3:
        return new MultiaddrComponent(Protocol.UDP, r.exactly(2));
      case 4: {
        Protocol[] dns = {Protocol.DNS, Protocol.DNS4, Protocol.DNS6, Protocol.DNSADDR};
        String chars = "abcdefghijklmnopqrstuvwxyz.-";
        StringBuilder name = new StringBuilder();
        for (int i = 1 + r.nextInt(20); i > 0; i--) {
          name.append(chars.charAt(r.nextInt(chars.length())));
        }
        return MultiaddrComponent.parse(dns[r.nextInt(dns.length)], name.toString());
      }
      default:
        return new MultiaddrComponent(Protocol.P2P, Multihash.sha256(r.exactly(32)).toBytes());
    }
  }
}
