package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class MultiformatsPropertiesTest {
  @Property
  void varintRoundTrips(@ForAll long raw) {
    long value = raw & Long.MAX_VALUE;
    byte[] encoded = Varint.encode(value);
    assertThat(encoded).hasSize(Varint.encodedLength(value));
    assertThat(Varint.decode(encoded, 0)).containsExactly(value, encoded.length);
  }

  @Property
  void base58RoundTrips(@ForAll @Size(max = 80) byte[] data) {
    assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
  }

  @Property
  void base32RoundTrips(@ForAll @Size(max = 80) byte[] data) {
    String text = Base32.encode(data);
    assertThat(text).matches("[a-z2-7]*");
    assertThat(Base32.decode(text)).isEqualTo(data);
  }

  @Property
  void multibaseRoundTrips(@ForAll @Size(max = 64) byte[] data, @ForAll Multibase.Base base) {
    assertThat(Multibase.decode(Multibase.encode(base, data))).isEqualTo(data);
  }

  @Property
  void base58DecodeEitherFailsCleanlyOrRoundTrips(@ForAll @StringLength(max = 60) String text) {
    try {
      assertThat(Base58.encode(Base58.decode(text))).isEqualTo(text);
    } catch (MultiformatException expected) {
      assertThat(expected).hasMessageContaining("base58");
    }
  }

  @Property
  void multihashRoundTrips(@ForAll @Size(max = 64) byte[] data) {
    for (Multihash hash : List.of(Multihash.identity(data), Multihash.sha256(data))) {
      assertThat(Multihash.fromBytes(hash.toBytes())).isEqualTo(hash);
    }
  }

  @Property
  void multiaddrRoundTrips(@ForAll("multiaddrs") Multiaddr addr) {
    assertThat(Multiaddr.fromBytes(addr.toBytes())).isEqualTo(addr);
    assertThat(Multiaddr.parse(addr.toString())).isEqualTo(addr);
  }

  @Property
  void multiaddrBytesFailOnlyCleanly(@ForAll @Size(max = 40) byte[] bytes) {
    try {
      Multiaddr addr = Multiaddr.fromBytes(bytes);
      assertThat(addr.toBytes()).isEqualTo(bytes);
    } catch (MultiformatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Multiaddr> multiaddrs() {
    return component().list().ofMaxSize(5).map(list -> Multiaddr.of(new ArrayList<>(list)));
  }

  private Arbitrary<MultiaddrComponent> component() {
    Arbitrary<byte[]> four = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> sixteen = Arbitraries.bytes().array(byte[].class).ofSize(16);
    Arbitrary<byte[]> two = Arbitraries.bytes().array(byte[].class).ofSize(2);
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-')
        .ofMinLength(1).ofMaxLength(20);
    Arbitrary<Protocol> dns = Arbitraries.of(Protocol.DNS, Protocol.DNS4, Protocol.DNS6,
        Protocol.DNSADDR);
    Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofSize(32);
    return Arbitraries.oneOf(
        four.map(b -> new MultiaddrComponent(Protocol.IP4, b)),
        sixteen.map(b -> new MultiaddrComponent(Protocol.IP6, b)),
        two.map(b -> new MultiaddrComponent(Protocol.TCP, b)),
        two.map(b -> new MultiaddrComponent(Protocol.UDP, b)),
        Combinators.combine(dns, names).as(MultiaddrComponent::parse),
        keys.map(k -> new MultiaddrComponent(Protocol.P2P, Multihash.sha256(k).toBytes())));
  }
}
