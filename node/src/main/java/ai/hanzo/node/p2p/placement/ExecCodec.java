package ai.hanzo.node.p2p.placement;

/**
 * The messages of {@code /hanzo/deploy-exec/1.0.0} as bytes and back; implemented where the wire types live
 * ({@code p2p.placement.wire}). Decoders throw {@link ai.hanzo.node.p2p.gossip.MalformedPayloadException} naming
 * what is wrong: a start where stdin belongs and the other way round are malformed too.
 */
public interface ExecCodec {
  byte[] encodeStart(ExecStart start);

  ExecStart decodeStart(byte[] bytes);

  byte[] encodeStdin(byte[] stdin);

  byte[] encodeResize(ExecInputFrame.Resize resize);

  /** A later input: stdin bytes or a terminal size (out of range sizes are malformed). */
  ExecInputFrame decodeInput(byte[] bytes);

  byte[] encodeFrame(ExecFrame frame);

  ExecFrame decodeFrame(byte[] bytes);
}
