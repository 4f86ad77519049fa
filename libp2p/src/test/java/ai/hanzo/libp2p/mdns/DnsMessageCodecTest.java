package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageCodecTest {
  private static final DnsName SERVICE = DnsName.parse("_p2p._udp.local");

  @Test
  void decodesTheQueryJsSends() throws Exception {
    DnsMessage query = DnsMessageDecoder.decode(Vectors.jsQuery());

    assertThat(query.isResponse()).isFalse();
    assertThat(query.questions()).containsExactly(DnsQuestion.of(SERVICE, RecordData.TYPE_PTR));
    assertThat(query.answers()).isEmpty();
  }

  @Test
  void ourQueryIsByteForByteWhatJsSends() {
    DnsMessage query = DnsMessage.query(List.of(DnsQuestion.of(SERVICE, RecordData.TYPE_PTR)));

    assertThat(DnsMessageEncoder.encode(query, true)).isEqualTo(Vectors.jsQuery());
  }

  @Test
  void decodesTheResponseJsSendsAndReencodesItExactly() throws Exception {
    DnsMessage response = DnsMessageDecoder.decode(Vectors.jsResponse());

    DnsName instance = SERVICE.prepend(Vectors.JS_PEER_NAME);
    byte[] txt = ("dnsaddr=" + Vectors.JS_ADDRESS + "/p2p/" + Vectors.JS_PEER_ID).getBytes(StandardCharsets.UTF_8);
    assertThat(response.isResponse()).isTrue();
    assertThat(response.flags()).isEqualTo(DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE);
    assertThat(response.answers()).containsExactly(
        DnsRecord.in(SERVICE, 120, new RecordData.Ptr(instance)),
        DnsRecord.in(instance, 120, new RecordData.Txt(List.of(txt))));
    // js does not compress names, so our uncompressed form is the same bytes.
    assertThat(DnsMessageEncoder.encode(response, false)).isEqualTo(Vectors.jsResponse());
  }

  @Test
  void compressionShrinksRepeatedNamesAndDecodesToTheSameMessage() throws Exception {
    DnsMessage response = DnsMessageDecoder.decode(Vectors.jsResponse());

    byte[] compressed = DnsMessageEncoder.encode(response, true);

    assertThat(compressed.length).isLessThan(Vectors.jsResponse().length - 60);
    assertThat(DnsMessageDecoder.decode(compressed)).isEqualTo(response);
  }

  @Test
  void decodesSrvAAndAaaaRecordsAndCompressedRecordData() throws Exception {
    DnsName instance = SERVICE.prepend("peer");
    DnsName host = DnsName.parse("host.local");
    DnsMessage message = DnsMessage.response(
        List.of(DnsRecord.in(SERVICE, 120, new RecordData.Ptr(instance))),
        List.of(new DnsRecord(instance, DnsRecord.CLASS_IN | DnsRecord.TOP_BIT, 120,
                new RecordData.Srv(1, 2, 4001, host)),
            DnsRecord.in(host, 120, new RecordData.A((java.net.Inet4Address) InetAddress.getByName("192.168.1.2"))),
            DnsRecord.in(host, 120, new RecordData.Aaaa((java.net.Inet6Address) InetAddress.getByName("fe80::1"))),
            DnsRecord.in(host, 4500, new RecordData.Opaque(47, new byte[] {0, 5, 1, 2}))));

    DnsMessage decoded = DnsMessageDecoder.decode(DnsMessageEncoder.encode(message, true));

    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.additionals().get(0).cacheFlush()).isTrue();
  }

  @Test
  void rejectsMalformedPacketsWithATypedError() {
    String header = "0000 0000 0001 0000 0000 0000";
    assertMalformed("0000 0000 0001", "shorter than its 12-byte header");
    assertMalformed(header + " c00c 000c 0001", "points forward to 12");
    assertMalformed(header + " 05616263", "label of 5 bytes at offset 12 in the name of question 0 runs past");
    assertMalformed(header + " 40 00 000c 0001", "unsupported label type 0x40");
    assertMalformed(header + " 00 000c", "a 16-bit field needs 2 bytes");
    assertMalformed(header + " 00 000c 0001 00", "1 bytes follow the last record");
    assertMalformed(header + " 02c3 28 00 000c 0001", "is not UTF-8");
    assertMalformed("0000 8400 0000 0001 0000 0000 00 0001 0001 00000078 0003 010203",
        "answer 0 address of 3 bytes; expected 4");
    assertMalformed("0000 8400 0000 0001 0000 0000 00 0010 0001 00000078 0002 0561",
        "TXT string at offset 23 claims 5 bytes");
    assertMalformed("0000 8400 0000 0001 0000 0000 00 0010 0001 00000078 00ff 0161",
        "claims 255 bytes of data but only 2 are left");
    assertMalformed("0000 8400 0000 0001 0000 0000 00 000c 0001 00000078 0003 00 0000",
        "has 2 bytes of data after its value");
    assertMalformed("0000 8400 0000 0001 0000 0000 00 0021 0001 00000078 0006 000000000000",
        "SRV data of 6 bytes");
    // A PTR target whose name continues past the record's data into the bytes after it.
    assertMalformed("0000 8400 0000 0001 0000 0000 00 000c 0001 00000078 0002 0161 00",
        "runs past its bounds");
  }

  @Test
  void pointerLoopsEndInAnError() {
    // Question 0's name is a label then a pointer back to itself: reading it again would never end.
    assertMalformed("0000 0000 0001 0000 0000 0000 0161 c00c 000c 0001",
        "loops back to its compression pointer at offset 14");
    // Two names pointing at each other: the second's target lies behind it, but reading from there reaches the
    // first pointer, which may not point past where the jump came from.
    assertMalformed("0000 0000 0002 0000 0000 0000 0161 c010 000c 0001 c00c 000c 0001",
        "points forward to 16");
  }

  @Test
  void aLongChainOfPointersIsCut() {
    // Question names that each point at the previous one: the last one's chain has 200 jumps.
    StringBuilder packet = new StringBuilder("0000 0000 00c9 0000 0000 0000 00 000c 0001");
    for (int i = 0; i < 200; i++) {
      int previous = i == 0 ? 12 : 17 + (i - 1) * 6;
      packet.append(String.format(" %04x 000c 0001", 0xC000 | previous));
    }

    assertMalformed(packet.toString(), "follows more than 127 compression pointers");
  }

  @Test
  void rejectsNamesLongerThan255Bytes() {
    StringBuilder packet = new StringBuilder("000000000001000000000000");
    for (int i = 0; i < 5; i++) {
      packet.append("3f").append("61".repeat(63));
    }
    packet.append("00000c0001");

    assertMalformed(packet.toString(), "longer than 255 bytes");
  }

  @Test
  void headerCountsLargerThanThePacketFailWithoutPreallocating() {
    assertMalformed("0000 0000 ffff ffff ffff ffff 00 0001 0001", "name of question 1 runs past its bounds");
  }

  @Test
  void encoderRefusesWhatDoesNotFitTheWireFormat() {
    assertThatThrownBy(() -> DnsName.parse("a".repeat(64) + ".local"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 64 bytes");
    assertThatThrownBy(() -> new RecordData.Txt(List.of(new byte[256])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
    assertThatThrownBy(() -> new RecordData.Opaque(RecordData.TYPE_TXT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    List<byte[]> many = java.util.Collections.nCopies(300, new byte[255]);
    DnsMessage huge = DnsMessage.response(List.of(DnsRecord.in(SERVICE, 1, new RecordData.Txt(many))), List.of());
    assertThatThrownBy(() -> DnsMessageEncoder.encode(huge, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void namesCompareWithoutAsciiCase() {
    assertThat(DnsName.parse("_P2P._udp.LOCAL.").sameAs(SERVICE)).isTrue();
    assertThat(DnsName.parse("_p2p._tcp.local").sameAs(SERVICE)).isFalse();
    assertThat(DnsName.parse("").labels()).isEmpty();
  }

  private static void assertMalformed(String hex, String message) {
    byte[] packet = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertThatThrownBy(() -> DnsMessageDecoder.decode(packet))
        .isInstanceOf(DnsFormatException.class).hasMessageContaining(message);
  }
}
