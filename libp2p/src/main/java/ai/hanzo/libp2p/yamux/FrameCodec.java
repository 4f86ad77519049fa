package ai.hanzo.libp2p.yamux;

import io.netty.buffer.ByteBuf;

/** Reads and writes the 12-byte big-endian frame header. */
public final class FrameCodec {
  private FrameCodec() {}

  public static void writeHeader(FrameHeader header, ByteBuf out) {
    out.writeByte(FrameHeader.VERSION);
    out.writeByte(header.type());
    out.writeShort(header.flags());
    out.writeInt((int) header.streamId());
    out.writeInt((int) header.length());
  }

  /**
   * Reads one header from {@code in} (at least {@link FrameHeader#LENGTH} readable bytes) and
   * checks what can be checked without connection state.
   */
  public static FrameHeader readHeader(ByteBuf in, long maxFrameLength)
      throws YamuxProtocolException {
    int version = in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedShort();
    long streamId = in.readUnsignedInt();
    long length = in.readUnsignedInt();
    if (version != FrameHeader.VERSION) {
      throw new YamuxProtocolException("unsupported yamux version " + version + ", expected 0");
    }
    if (type > FrameHeader.TYPE_GO_AWAY) {
      throw new YamuxProtocolException("unknown yamux frame type " + type);
    }
    boolean sessionFrame = type == FrameHeader.TYPE_PING || type == FrameHeader.TYPE_GO_AWAY;
    if (sessionFrame && streamId != 0) {
      throw new YamuxProtocolException(
          "frame type " + type + " must use stream 0, got stream " + streamId);
    }
    if (!sessionFrame && streamId == 0) {
      throw new YamuxProtocolException("frame type " + type + " on stream 0");
    }
    if (type == FrameHeader.TYPE_DATA && length > maxFrameLength) {
      throw new YamuxProtocolException(
          "data frame of " + length + " bytes exceeds the limit of " + maxFrameLength);
    }
    return new FrameHeader(type, flags, streamId, length);
  }
}
