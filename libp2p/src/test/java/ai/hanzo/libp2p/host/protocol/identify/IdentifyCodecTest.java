package ai.hanzo.libp2p.host.protocol.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.pb.identify.IdentifyProto;
import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentifyCodecTest {
  private static final long SEED = 0x1d_e471fL;

  @Test
  void roundTripsRandomMessages() throws Exception {
    Random random = new Random(SEED);
    for (int i = 0; i < 500; i++) {
      List<Multiaddr> addrs = new ArrayList<>();
      for (int a = random.nextInt(4); a > 0; a--) {
        addrs.add(Multiaddr.parse("/ip4/10.0." + random.nextInt(256) + "." + random.nextInt(256)
            + "/tcp/" + random.nextInt(65536)));
      }
      List<String> protocols = new ArrayList<>();
      for (int p = random.nextInt(5); p > 0; p--) {
        protocols.add("/p" + random.nextInt(1000) + "/1.0.0");
      }
      IdentifyMessage m = new IdentifyMessage("ipfs/0.1.0", "agent/" + random.nextInt(),
          random.nextBoolean() ? Ed25519PrivateKey.generate().publicKey() : null, addrs,
          random.nextBoolean() ? Multiaddr.parse("/ip6/::1/tcp/" + random.nextInt(65536)) : null,
          protocols);
      assertThat(IdentifyCodec.decode(IdentifyCodec.encode(m)))
          .as("case %d of seed %d", i, SEED).isEqualTo(m);
    }
  }

  @Test
  void skipsAddressesOfUnknownProtocolsAndRejectsBadKeys() throws Exception {
    byte[] unknown = {(byte) 0xcc, 0x03, 1, 2};
    byte[] withUnknown = IdentifyProto.Identify.newBuilder()
        .addListenAddrs(ByteString.copyFrom(unknown))
        .addListenAddrs(ByteString.copyFrom(Multiaddr.parse("/ip4/1.2.3.4/tcp/5").toBytes()))
        .build().toByteArray();
    assertThat(IdentifyCodec.decode(withUnknown).listenAddrs())
        .containsExactly(Multiaddr.parse("/ip4/1.2.3.4/tcp/5"));

    byte[] badKey = IdentifyProto.Identify.newBuilder()
        .setPublicKey(ByteString.copyFrom(new byte[] {8, 1, 18, 3, 1, 2, 3})).build().toByteArray();
    assertThatThrownBy(() -> IdentifyCodec.decode(badKey))
        .isInstanceOf(IdentifyException.class).hasMessageContaining("bad public key");
    assertThatThrownBy(() -> IdentifyCodec.decode(new byte[] {(byte) 0xff}))
        .isInstanceOf(IdentifyException.class).hasMessageContaining("malformed");
  }

  @Test
  void laterMessagesOverrideAndExtend() {
    IdentifyMessage first = new IdentifyMessage("ipfs/0.1.0", "a/1", null,
        List.of(Multiaddr.parse("/ip4/1.1.1.1/tcp/1")), null, List.of("/x/1"));
    IdentifyMessage second = new IdentifyMessage("", "a/2", null,
        List.of(Multiaddr.parse("/ip4/2.2.2.2/tcp/2")), null, List.of("/x/1", "/y/1"));
    IdentifyMessage merged = first.merge(second);
    assertThat(merged.agentVersion()).isEqualTo("a/2");
    assertThat(merged.protocolVersion()).isEqualTo("ipfs/0.1.0");
    assertThat(merged.protocols()).containsExactly("/x/1", "/y/1");
    assertThat(merged.listenAddrs()).hasSize(2);
  }

  @Test
  void framesEnforceJsLimits() throws Exception {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(8192, 10);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < 10; i++) {
      Varint.write(3, wire);
      wire.write(new byte[] {1, 2, 3});
    }
    byte[] bytes = wire.toByteArray();
    frames.add(Unpooled.wrappedBuffer(bytes, 0, 7));
    frames.add(Unpooled.wrappedBuffer(bytes, 7, bytes.length - 7));
    assertThat(frames.finish()).hasSize(10);

    LengthPrefixedFrames tooMany = new LengthPrefixedFrames(8192, 10);
    byte[] eleven = Arrays.copyOf(bytes, bytes.length + 4);
    System.arraycopy(bytes, 0, eleven, bytes.length, 4);
    assertThatThrownBy(() -> tooMany.add(Unpooled.wrappedBuffer(eleven)))
        .isInstanceOf(IdentifyException.class).hasMessageContaining("more than 10 messages");
    tooMany.release();

    LengthPrefixedFrames tooLong = new LengthPrefixedFrames(8192, 10);
    assertThatThrownBy(() -> tooLong.add(Unpooled.wrappedBuffer(Varint.encode(8193))))
        .isInstanceOf(IdentifyException.class).hasMessageContaining("exceeds the limit");
    tooLong.release();
  }
}
