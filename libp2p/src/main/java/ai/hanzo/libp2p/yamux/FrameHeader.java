package ai.hanzo.libp2p.yamux;

/**
 * A Yamux frame header (the version byte is always 0 and so not stored). {@code length} is the
 * payload size for data frames, the window delta for window updates, the opaque value for pings
 * and the error code for go-away.
 */
public record FrameHeader(int type, int flags, long streamId, long length) {
  public static final int LENGTH = 12;
  public static final int VERSION = 0;

  public static final int TYPE_DATA = 0;
  public static final int TYPE_WINDOW_UPDATE = 1;
  public static final int TYPE_PING = 2;
  public static final int TYPE_GO_AWAY = 3;

  public static final int FLAG_SYN = 0x1;
  public static final int FLAG_ACK = 0x2;
  public static final int FLAG_FIN = 0x4;
  public static final int FLAG_RST = 0x8;

  static final long MAX_U32 = 0xFFFF_FFFFL;

  public FrameHeader {
    if (type < TYPE_DATA || type > TYPE_GO_AWAY) {
      throw new IllegalArgumentException("unknown frame type " + type);
    }
    if (flags < 0 || flags > 0xFFFF) {
      throw new IllegalArgumentException("flags do not fit 16 bits: " + flags);
    }
    if (streamId < 0 || streamId > MAX_U32 || length < 0 || length > MAX_U32) {
      throw new IllegalArgumentException("stream id and length must fit 32 unsigned bits");
    }
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
