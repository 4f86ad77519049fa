package ai.hanzo.node.p2p.qos;

import ai.hanzo.node.qos.SignedChallenge;

/**
 * The messages of {@code /hanzo/qos/1.0.0} as bytes and back; implemented where the wire types live ({@code
 * p2p.qos.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming what is wrong and
 * never check signatures (the responder and the verifier do).
 */
public interface QosCodec {
  byte[] encodeChallenge(SignedChallenge challenge);

  SignedChallenge decodeChallenge(byte[] bytes);

  byte[] encodeAnswer(QosAnswer answer);

  QosAnswer decodeAnswer(byte[] bytes);
}
