package ai.hanzo.libp2p.kad.record;

/** A record that its namespace's validator refuses, or whose namespace has no validator. */
public final class InvalidRecordException extends Exception {
  public InvalidRecordException(String message) {
    super(message);
  }
}
