package ai.hanzo.libp2p.mux;

import io.netty.util.concurrent.Future;
import java.time.Duration;

/** The connection side of a stream multiplexer. */
public interface StreamMuxer {

  /** Opens an outbound stream; fails when the connection is closing or at its stream limit. */
  Future<MuxedStream> openStream();

  /** Round-trip time of one ping. */
  Future<Duration> ping();

  /** Tells the remote that no new streams will be accepted; {@code code} 0 means normal. */
  void goAway(int code);

  /** Sends a normal go-away and closes the connection; open streams are reset. */
  Future<Void> close();

  boolean isClosed();

  /** Completes when the connection is closed and every stream has been told it closed. */
  Future<Void> closeFuture();
}
