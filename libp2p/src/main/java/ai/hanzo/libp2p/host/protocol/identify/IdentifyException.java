package ai.hanzo.libp2p.host.protocol.identify;

import java.io.IOException;

/** An Identify exchange failed or a peer sent a malformed or oversized message. */
public final class IdentifyException extends IOException {
  public IdentifyException(String message) {
    super(message);
  }

  public IdentifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
