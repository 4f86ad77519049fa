package ai.hanzo.libp2p.yamux;

/** The remote broke the Yamux protocol; the connection ends with a go-away carrying {@link #goAwayCode()}. */
public final class YamuxProtocolException extends Exception {
  private final int goAwayCode;

  public YamuxProtocolException(String message) {
    this(GoAwayCode.PROTOCOL_ERROR, message);
  }

  public YamuxProtocolException(int goAwayCode, String message) {
    super(message);
    this.goAwayCode = goAwayCode;
  }

  public int goAwayCode() {
    return goAwayCode;
  }
}
