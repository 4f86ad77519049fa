package ai.hanzo.node.p2p.placement.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes from a peer: both decoders return a message or a MalformedPayloadException, nothing else. */
class ProtoDeployCodecFuzzTest {
  @FuzzTest
  void anyMessage(byte[] input) {
    ProtoDeployCodecTest.decodesOrIsMalformed(input);
  }
}
