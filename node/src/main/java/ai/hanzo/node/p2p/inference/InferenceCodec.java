package ai.hanzo.node.p2p.inference;

/**
 * The messages of {@code /hanzo/inference/1.0.0} as bytes and back; implemented where the wire types live
 * ({@code p2p.inference.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming
 * what is wrong, and check every size limit of {@link InferenceLimits}.
 */
public interface InferenceCodec {
  byte[] encodeCall(RemoteCall call);

  RemoteCall decodeCall(byte[] bytes);

  byte[] encodeReply(RemoteReply reply);

  RemoteReply decodeReply(byte[] bytes);
}
