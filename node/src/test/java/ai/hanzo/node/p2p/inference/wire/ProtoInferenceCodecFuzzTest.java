package ai.hanzo.node.p2p.inference.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes from a peer: both decoders return a message or a MalformedPayloadException, nothing else. */
class ProtoInferenceCodecFuzzTest {
  @FuzzTest
  void anyMessage(byte[] input) {
    ProtoInferenceCodecTest.decodesOrIsMalformed(input);
  }
}
