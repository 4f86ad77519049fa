package ai.hanzo.libp2p.noise;

/** The Noise handshake failed: bad message, bad identity, wrong peer, timeout or closed channel. */
public class NoiseHandshakeException extends Exception {
  public NoiseHandshakeException(String message) {
    super(message);
  }

  public NoiseHandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
