package ai.hanzo.libp2p.multiformats;

/**
 * Malformed multiformats input (text or bytes). An {@link IllegalArgumentException} so callers
 * that only guard against bad arguments still catch it.
 */
public class MultiformatException extends IllegalArgumentException {
  public MultiformatException(String message) {
    super(message);
  }

  public MultiformatException(String message, Throwable cause) {
    super(message, cause);
  }
}
