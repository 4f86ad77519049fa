package ai.hanzo.libp2p.multistream;

import java.io.IOException;

/** Negotiation failed: malformed message, unexpected answer, no common protocol or timeout. */
public final class MultistreamException extends IOException {
  public MultistreamException(String message) {
    super(message);
  }
}
