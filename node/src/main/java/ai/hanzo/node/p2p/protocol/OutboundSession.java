package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.mux.MuxedStream;

/**
 * The calling end of one stream that stays open both ways for a session's life: writes the start frame as the
 * stream becomes active and does not half-close, then writes further frames ({@link #send}) until {@link #finish}
 * (the end of its input) while the replies are framed and handed over as by {@link OutboundRequest}. Auto-read is
 * off: the subclass reads on ({@link #readOn}) only while its own consumer has room, so a consumer that stops
 * reading stops the remote's writing at the Yamux window.
 */
public abstract class OutboundSession extends OutboundRequest {
  private volatile MuxedStream stream;

  /**
   * @param start the encoded first frame
   * @param maxMessage the largest reply accepted
   */
  protected OutboundSession(byte[] start, int maxMessage) {
    super(start, maxMessage, false);
  }

  /** The stream is active; nothing written yet. Reads the first delivery. Subclasses that override call this. */
  @Override
  protected void opened(MuxedStream s) {
    stream = s;
    s.setAutoRead(false);
    s.read();
  }

  protected final MuxedStream stream() {
    return stream;
  }

  /** Writes one frame (any thread). */
  protected final void send(byte[] message) {
    MuxedStream s = stream;
    s.write(LengthPrefixed.frame(s.alloc(), message));
  }

  /** Half-closes: no more frames from this end; replies go on. */
  protected final void finish() {
    stream.closeWrite();
  }

  /** Reads the next delivery (any thread). */
  protected final void readOn() {
    MuxedStream s = stream;
    if (s != null && !s.isClosed()) {
      s.read();
    }
  }
}
