package ai.hanzo.node.p2p.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.PayloadCodec;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** Any bytes from the network: each topic's decoder returns a payload or a MalformedPayloadException, nothing else. */
class ProtoGossipCodecsFuzzTest {
  private static final GossipCodecs CODECS = ProtoGossipCodecs.create();
  private static final List<PayloadCodec<?>> ALL = List.of(CODECS.heartbeat(), CODECS.metrics(),
      CODECS.deployments(), CODECS.commands());

  @FuzzTest
  void anyPayload(byte[] input) {
    for (PayloadCodec<?> codec : ALL) {
      try {
        Object decoded = codec.decode(input);
        assertThat(decoded).isNotNull();
      } catch (MalformedPayloadException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
