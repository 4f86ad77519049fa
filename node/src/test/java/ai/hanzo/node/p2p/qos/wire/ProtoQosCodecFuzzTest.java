package ai.hanzo.node.p2p.qos.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes from a peer: both decoders return a message or a MalformedPayloadException, nothing else. */
class ProtoQosCodecFuzzTest {
  @FuzzTest
  void anyMessage(byte[] input) {
    ProtoQosCodecTest.decodesOrIsMalformed(input);
  }
}
