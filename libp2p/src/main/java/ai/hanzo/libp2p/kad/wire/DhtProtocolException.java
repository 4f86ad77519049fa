package ai.hanzo.libp2p.kad.wire;

/** A DHT message or stream that breaks the protocol: undecodable, oversized, unexpected. */
public final class DhtProtocolException extends Exception {
  public DhtProtocolException(String message) {
    super(message);
  }

  public DhtProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
