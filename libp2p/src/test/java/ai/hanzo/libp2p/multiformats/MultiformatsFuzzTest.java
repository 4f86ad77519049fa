package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.peer.PeerId;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class MultiformatsFuzzTest {
  @FuzzTest
  void multiaddrBytes(byte[] input) {
    try {
      Multiaddr addr = Multiaddr.fromBytes(input);
      assertThat(addr.toBytes()).isEqualTo(input);
      assertThat(Multiaddr.parse(addr.toString())).isEqualTo(addr);
    } catch (MultiformatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest
  void multiaddrAndPeerIdText(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      Multiaddr addr = Multiaddr.parse(text);
      assertThat(Multiaddr.fromBytes(addr.toBytes())).isEqualTo(addr);
    } catch (MultiformatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      PeerId id = PeerId.parse(text);
      assertThat(PeerId.parse(id.toString())).isEqualTo(id);
      assertThat(PeerId.parse(id.toCid())).isEqualTo(id);
    } catch (MultiformatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
