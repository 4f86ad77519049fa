package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving end of one stream that carries one length-prefixed request: learns the Noise-authenticated peer,
 * decodes the request (a frame beyond the size limit or a malformed one is refused in one answer, a second
 * request resets the stream) and hands it to {@link #received}, on the event loop. Writes replies framed the same
 * way.
 *
 * @param <Q> the decoded request
 */
public abstract class InboundRequest<Q> implements StreamHandler {
  private static final Logger log = LoggerFactory.getLogger(InboundRequest.class);

  private final VarintFrames frames;
  private final String notFramed;
  private final String malformed;
  private volatile MuxedStream stream;
  private volatile String peer = "";
  private boolean requested;

  /**
   * @param maxMessage the largest request accepted
   * @param notFramed the refusal's prefix for bytes that are no request frame (e.g. {@code "not a deploy call: "})
   * @param malformed the refusal's prefix for a frame that does not decode (e.g. {@code "malformed deploy call: "})
   */
  protected InboundRequest(int maxMessage, String notFramed, String malformed) {
    this.frames = new VarintFrames(maxMessage);
    this.notFramed = notFramed;
    this.malformed = malformed;
  }

  /** Decodes the request's bytes. */
  protected abstract Q decode(byte[] message) throws MalformedPayloadException;

  /** Handles the one request of the stream, on the event loop: hand anything slow to the server's executor. */
  protected abstract void received(Q request);

  /** Answers with a refusal and ends the stream (the framing or the request was bad, or it was not admitted). */
  protected abstract void refuse(ErrorCode code, String message);

  /** The stream ended (closed both ways, or reset); frees what the request held. */
  protected void ended() {}

  /** The remote reset the stream (before {@link #ended}). */
  protected void wasReset() {}

  /** The remote's PeerId, from the Noise-authenticated connection, never from a message. */
  protected final String peer() {
    return peer;
  }

  protected final MuxedStream stream() {
    return stream;
  }

  /** Writes one framed reply. */
  protected final void send(byte[] message) {
    MuxedStream s = stream;
    s.write(LengthPrefixed.frame(s.alloc(), message));
  }

  /** Writes the last framed reply and half-closes the stream. */
  protected final void sendLast(byte[] message) {
    send(message);
    stream.closeWrite();
  }

  @Override
  public final void onActive(MuxedStream s) {
    stream = s;
    Connection connection = s.parent().attr(Connection.ATTRIBUTE).get();
    peer = connection == null ? "" : connection.remotePeer().toString();
  }

  @Override
  public final void onData(MuxedStream s, ByteBuf data) {
    List<byte[]> messages;
    try {
      messages = frames.add(data);
    } catch (IllegalArgumentException e) {
      refuse(ErrorCode.INVALID_ARGUMENT, notFramed + e.getMessage());
      return;
    }
    for (byte[] message : messages) {
      if (requested) {
        log.debug("peer {} sent more than one request on a stream; resetting it", peer);
        s.reset();
        return;
      }
      requested = true;
      Q request;
      try {
        request = decode(message);
      } catch (MalformedPayloadException e) {
        log.info("Refused a malformed request from peer {}: {}", peer, e.getMessage());
        refuse(ErrorCode.INVALID_ARGUMENT, malformed + e.getMessage());
        return;
      }
      received(request);
    }
  }

  @Override
  public final void onReset(MuxedStream s) {
    wasReset();
  }

  @Override
  public final void onClosed(MuxedStream s) {
    frames.release();
    ended();
  }
}
