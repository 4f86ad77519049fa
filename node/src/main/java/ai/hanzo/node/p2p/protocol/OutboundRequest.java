package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import io.netty.buffer.ByteBuf;

/**
 * The calling end of one stream that carries one length-prefixed request: writes it as the stream becomes active
 * (half-closing unless the protocol keeps writing), then hands each framed reply to {@link #reply}, on the event
 * loop. A reply beyond the size limit or one that does not decode goes to {@link #malformed} and resets the stream.
 */
public abstract class OutboundRequest implements StreamHandler {
  private final byte[] request;
  private final boolean halfClose;
  private final VarintFrames frames;

  /**
   * @param request the encoded request
   * @param maxMessage the largest reply accepted
   * @param halfClose whether the request is all this end writes (the stream is then half-closed after it)
   */
  protected OutboundRequest(byte[] request, int maxMessage, boolean halfClose) {
    this.request = request;
    this.halfClose = halfClose;
    this.frames = new VarintFrames(maxMessage);
  }

  /** One reply; throw {@link MalformedPayloadException} when it does not decode. */
  protected abstract void reply(MuxedStream stream, byte[] message) throws MalformedPayloadException;

  /** A reply did not decode (or was not a frame); the stream is reset after this. */
  protected abstract void malformed(MuxedStream stream, Exception cause);

  /** The stream is active and nothing written yet (e.g. to turn auto-read off). */
  protected void opened(MuxedStream stream) {}

  /** The stream ended (both ways closed, or reset). */
  protected void ended(MuxedStream stream) {}

  /** After the replies a delivery carried were handed over (e.g. to read on). */
  protected void delivered(MuxedStream stream) {}

  @Override
  public final void onActive(MuxedStream stream) {
    opened(stream);
    stream.write(LengthPrefixed.frame(stream.alloc(), request));
    if (halfClose) {
      stream.closeWrite();
    }
    written(stream);
  }

  /** The request was written (and the stream half-closed when asked): from here on this end may write more. */
  protected void written(MuxedStream stream) {}

  @Override
  public final void onData(MuxedStream stream, ByteBuf data) {
    try {
      for (byte[] message : frames.add(data)) {
        reply(stream, message);
      }
    } catch (MalformedPayloadException | IllegalArgumentException e) {
      malformed(stream, e);
      stream.reset();
      return;
    }
    delivered(stream);
  }

  @Override
  public final void onClosed(MuxedStream stream) {
    frames.release();
    ended(stream);
  }
}
