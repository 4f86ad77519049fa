package ai.hanzo.libp2p.pubsub;

/** A pubsub message or RPC that breaks the protocol; the message says what was wrong. */
public final class InvalidMessageException extends Exception {
  public InvalidMessageException(String message) {
    super(message);
  }
}
