package ai.hanzo.node.p2p.inference;

/**
 * The messages of {@code /hanzo/inference/1.0.0} as bytes and back; implemented where the wire types live
 * ({@code p2p.inference.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming
 * what is wrong, and check every size limit of {@link InferenceLimits}.
 */
public interface InferenceCodec {
  byte[] encodeCall(RemoteCall call);

  /** A generation call; an embeddings call is malformed here (see {@link #decodeRequest}). */
  RemoteCall decodeCall(byte[] bytes);

  byte[] encodeEmbed(RemoteEmbedCall call);

  /** Either kind of call. */
  RemoteRequest decodeRequest(byte[] bytes);

  /** Either kind of call, encoded. */
  default byte[] encodeRequest(RemoteRequest request) {
    return request instanceof RemoteEmbedCall e ? encodeEmbed(e) : encodeCall((RemoteCall) request);
  }

  byte[] encodeReply(RemoteReply reply);

  RemoteReply decodeReply(byte[] bytes);
}
