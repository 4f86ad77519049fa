package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** Untrusted bytes through the whole inbound path: frames, RPC parsing, signature checks, router. */
class RpcFuzzTest {
  private static final int MAX = 4096;

  @FuzzTest
  void inboundStream(byte[] input) {
    RouterHarness h = new RouterHarness(GossipsubConfig.defaults().withMaxMessageSize(MAX));
    h.router.subscribe("t", m -> { });
    PeerId peer = h.peer(true, "t");
    List<byte[]> frames = new ArrayList<>();
    VarintFrames decoder = new VarintFrames(MAX);
    try {
      for (byte[] frame : decoder.add(Unpooled.wrappedBuffer(input), length -> {
        assertThat(length).isGreaterThan(MAX);
        h.router.protocolViolation(peer, "oversized");
      })) {
        assertThat(frame.length).isLessThanOrEqualTo(MAX);
        frames.add(frame);
      }
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      decoder.release();
    }
    for (byte[] frame : frames) {
      try {
        h.router.handleRpc(peer, RpcProto.RPC.parseFrom(frame));
      } catch (InvalidProtocolBufferException expected) {
        h.router.protocolViolation(peer, "malformed");
      }
    }
    h.router.heartbeat();
    assertThat(h.router.meshPeers("t").size()).isLessThanOrEqualTo(1);
  }

  @FuzzTest
  void messageVerification(byte[] input) {
    try {
      MessageSigning.Verified v = MessageSigning.verify(RpcProto.Message.parseFrom(input));
      assertThat(v.id().length()).isGreaterThan(8);
    } catch (InvalidMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (InvalidProtocolBufferException expected) {
      assertThat(expected.getMessage()).isNotNull();
    }
  }
}
