package ai.hanzo.libp2p.kad.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.kad.TestPeers;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.testing.RandomCases;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DhtCodecTest {
  static DhtMessage randomMessage(RandomCases r) {
    MessageType type = MessageType.values()[r.nextInt(MessageType.values().length)];
    DhtRecord record = r.nextBoolean() ? null : new DhtRecord(r.bytes(40),
        r.bytes(100), r.nextBoolean() ? "" : "2026-01-01T00:00:00Z");
    return new DhtMessage(type, r.nextInt(3), r.bytes(40), record, peers(r),
        peers(r));
  }

  private static List<DhtPeer> peers(RandomCases r) {
    List<DhtPeer> out = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      List<Multiaddr> addrs = new ArrayList<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        addrs.add(Multiaddr.parse("/ip4/10.0.0." + r.nextInt(256) + "/tcp/" + r.nextInt(65536)));
      }
      out.add(new DhtPeer(TestPeers.random(r), addrs,
          ConnectionType.values()[r.nextInt(ConnectionType.values().length)]));
    }
    return out;
  }

  @Test
  void everyMessageSurvivesEncodeDecodeAndFraming() {
    RandomCases.forAll(300, r -> {
      DhtMessage m = randomMessage(r);
      assertThat(DhtCodec.decode(DhtCodec.encode(m))).isEqualTo(m);
      MessageFramer framer = new MessageFramer(64 * 1024);
      ByteBuf two = Unpooled.wrappedBuffer(MessageFramer.frame(ByteBufAllocator.DEFAULT, m),
          MessageFramer.frame(ByteBufAllocator.DEFAULT, m));
      int split = r.nextInt(two.readableBytes());
      List<byte[]> frames = new ArrayList<>(framer.add(two.readRetainedSlice(split)));
      frames.addAll(framer.add(two));
      assertThat(frames).hasSize(2);
      assertThat(DhtCodec.decode(frames.get(1))).isEqualTo(m);
      assertThat(framer.hasPartial()).isFalse();
      framer.release();
    });
  }

  @Test
  void findNodeAsJsWritesIt() throws Exception {
    // type FIND_NODE, key abcd, one closer peer with one /ip4/127.0.0.1/tcp/4001 address
    byte[] id = TestPeers.random(new Random(1)).toBytes();
    String hex = "0804" + "1202abcd" + "42" + String.format("%02x", 2 + id.length + 2 + 8)
        + "0a" + String.format("%02x", id.length) + HexFormat.of().formatHex(id)
        + "1208047f000001060fa1";
    DhtMessage m = DhtCodec.decode(HexFormat.of().parseHex(hex));
    assertThat(m.type()).isEqualTo(MessageType.FIND_NODE);
    assertThat(m.key()).isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd});
    assertThat(m.closerPeers()).singleElement().satisfies(p -> assertThat(p.addresses())
        .containsExactly(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
  }

  @Test
  void malformedInputIsATypedError() {
    assertThatThrownBy(() -> DhtCodec.decode(new byte[] {0x08, 0x09}))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("message type 9");
    assertThatThrownBy(() -> DhtCodec.decode(new byte[] {0x42, 0x03, 0x0a, 0x01, 0x05}))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("peer id");
    assertThatThrownBy(() -> DhtCodec.decode(new byte[] {0x12, 0x05, 1}))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("undecodable");
  }

  @Test
  void anOversizedLengthFailsBeforeItsBytesArrive() {
    MessageFramer framer = new MessageFramer(64 * 1024);
    assertThatThrownBy(() -> framer.add(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x80, 0x04})))
        .isInstanceOf(DhtProtocolException.class).hasMessageContaining("exceeds the limit of 65536");
    framer.release();
  }
}
