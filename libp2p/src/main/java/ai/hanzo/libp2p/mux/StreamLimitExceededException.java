package ai.hanzo.libp2p.mux;

import java.io.IOException;

/** Opening one more stream would pass the connection's limit of concurrent streams. */
public final class StreamLimitExceededException extends IOException {
  public StreamLimitExceededException(String message) {
    super(message);
  }
}
