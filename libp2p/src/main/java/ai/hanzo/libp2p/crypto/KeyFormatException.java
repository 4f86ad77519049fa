package ai.hanzo.libp2p.crypto;

/** A key, key envelope or key file that cannot be decoded. */
public class KeyFormatException extends IllegalArgumentException {
  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
