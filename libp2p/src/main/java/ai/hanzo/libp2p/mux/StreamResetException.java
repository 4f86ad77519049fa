package ai.hanzo.libp2p.mux;

import java.io.IOException;

/** A stream operation could not complete because the stream was reset or its connection closed. */
public final class StreamResetException extends IOException {
  public StreamResetException(String message) {
    super(message);
  }
}
