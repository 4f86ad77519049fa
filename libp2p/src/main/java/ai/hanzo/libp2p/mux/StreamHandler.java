package ai.hanzo.libp2p.mux;

import io.netty.buffer.ByteBuf;

/** Receives one stream's events, all on the connection's event loop. */
public interface StreamHandler {

  /** This handler was attached to the stream. */
  default void onActive(MuxedStream stream) {}

  /** Inbound bytes; the handler owns {@code data} and must release it. */
  void onData(MuxedStream stream, ByteBuf data);

  /** The remote finished writing (FIN); writing in this direction may continue. */
  default void onRemoteClose(MuxedStream stream) {}

  /** The stream was reset, by either side or because the connection went away. */
  default void onReset(MuxedStream stream) {}

  default void onWritabilityChanged(MuxedStream stream) {}

  /**
   * Another handler replaces this one; returns inbound bytes this handler received but did not
   * consume (they go to the next handler first), or null.
   */
  default ByteBuf detach(MuxedStream stream) {
    return null;
  }

  /** Exactly once, when the stream is fully closed or reset. */
  default void onClosed(MuxedStream stream) {}
}
