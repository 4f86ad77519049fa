package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Untrusted packets may only end in a {@link DnsFormatException}; whatever decodes re-encodes to the same message,
 * and the mDNS layers on top never throw on it. Runs over the seed corpus in normal builds.
 */
class DnsFuzzTest {
  private static final MdnsConfig CONFIG = MdnsConfig.defaults();
  private static final PeerId SELF = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());

  @FuzzTest
  void decoder(byte[] packet) {
    DnsMessage message;
    try {
      message = DnsMessageDecoder.decode(packet);
    } catch (DnsFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    try {
      assertThat(DnsMessageDecoder.decode(DnsMessageEncoder.encode(message, true))).isEqualTo(message);
      assertThat(DnsMessageDecoder.decode(DnsMessageEncoder.encode(message, false))).isEqualTo(message);
    } catch (DnsFormatException e) {
      throw new AssertionError("our own encoding of a decoded message does not decode", e);
    }
    List<DiscoveredPeer> peers = new ResponseReader(CONFIG, SELF).peers(message);
    assertThat(peers).allSatisfy(p -> assertThat(p.peer()).isNotEqualTo(SELF));
    new PeerAnnouncement(CONFIG, SELF).asksForUs(message);
  }
}
