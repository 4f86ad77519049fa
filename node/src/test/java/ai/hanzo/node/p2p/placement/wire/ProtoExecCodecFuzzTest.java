package ai.hanzo.node.p2p.placement.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes from a peer: every exec decoder returns a message or a MalformedPayloadException, nothing else. */
class ProtoExecCodecFuzzTest {
  @FuzzTest
  void anyMessage(byte[] input) {
    ProtoExecCodecTest.decodesOrIsMalformed(input);
  }
}
