package ai.hanzo.libp2p.yamux;

/** The codes a go-away frame carries. */
public final class GoAwayCode {
  public static final int NORMAL = 0;
  public static final int PROTOCOL_ERROR = 1;
  public static final int INTERNAL_ERROR = 2;

  private GoAwayCode() {}
}
