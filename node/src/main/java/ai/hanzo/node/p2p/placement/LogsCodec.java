package ai.hanzo.node.p2p.placement;

/**
 * The messages of {@code /hanzo/deploy-logs/1.0.0} as bytes and back; implemented where the wire types live
 * ({@code p2p.placement.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming
 * what is wrong.
 */
public interface LogsCodec {
  byte[] encodeCall(LogsCall call);

  LogsCall decodeCall(byte[] bytes);

  byte[] encodeFrame(LogsFrame frame);

  LogsFrame decodeFrame(byte[] bytes);
}
