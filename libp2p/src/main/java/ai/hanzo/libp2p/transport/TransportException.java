package ai.hanzo.libp2p.transport;

import java.io.IOException;

/** A dial, listen or connection upgrade failed; the message says which step and why. */
public final class TransportException extends IOException {
  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
