package ai.hanzo.libp2p.noise;

import io.netty.handler.codec.DecoderException;

/** A transport frame failed to decrypt or was malformed; the session cannot continue. */
public class NoiseTransportException extends DecoderException {
  public NoiseTransportException(String message) {
    super(message);
  }

  public NoiseTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
