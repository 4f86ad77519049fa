package ai.hanzo.node.p2p.placement;

/**
 * The messages of {@code /hanzo/deploy/1.0.0} as bytes and back; implemented where the wire types live
 * ({@code p2p.placement.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming
 * what is wrong, and check every limit of {@link DeployLimits}.
 */
public interface DeployCodec {
  byte[] encodeCall(DeployCall call);

  DeployCall decodeCall(byte[] bytes);

  byte[] encodeAnswer(DeployAnswer answer);

  DeployAnswer decodeAnswer(byte[] bytes);
}
