package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import org.junit.jupiter.api.Test;

/** Seeded random messages (the seed is in any failure message): encode, decode, compare. */
class DnsRoundTripTest {
  @Test
  void randomMessagesSurviveEncodingWithAndWithoutCompression() {
    RandomCases.forAll(500, r -> {
      DnsMessage message = RandomDnsMessages.message(r);
      byte[] plain = DnsMessageEncoder.encode(message, false);
      byte[] compressed = DnsMessageEncoder.encode(message, true);

      assertThat(DnsMessageDecoder.decode(plain)).isEqualTo(message);
      assertThat(DnsMessageDecoder.decode(compressed)).isEqualTo(message);
      assertThat(compressed.length).isLessThanOrEqualTo(plain.length);
    });
  }

  @Test
  void corruptedMessagesDecodeOrFailWithAFormatError() {
    RandomCases.forAll(2_000, r -> {
      byte[] packet = DnsMessageEncoder.encode(RandomDnsMessages.message(r), r.nextBoolean());
      for (int flips = 1 + r.nextInt(4); flips > 0; flips--) {
        packet[r.nextInt(packet.length)] = (byte) r.nextInt(256);
      }
      if (r.nextInt(4) == 0) {
        packet = java.util.Arrays.copyOf(packet, r.nextInt(packet.length + 1));
      }
      try {
        DnsMessage decoded = DnsMessageDecoder.decode(packet);
        assertThat(DnsMessageDecoder.decode(DnsMessageEncoder.encode(decoded, false))).isEqualTo(decoded);
      } catch (DnsFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }
}
