package ai.hanzo.libp2p.mux;

import java.io.IOException;

/** No new stream can be opened: the connection is closed or one side announced go-away. */
public final class MuxerClosedException extends IOException {
  public MuxerClosedException(String message) {
    super(message);
  }
}
