package ai.hanzo.node.p2p.gossip;

/** A gossip payload that does not decode or lacks a required field; its message says which. */
public final class MalformedPayloadException extends RuntimeException {
  public MalformedPayloadException(String message) {
    super(message);
  }

  public MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
