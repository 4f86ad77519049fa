package ai.hanzo.libp2p.yamux;

import io.netty.buffer.ByteBuf;

/**
 * Splits a byte stream into Yamux frames. A data frame's header reaches the sink before its
 * payload is buffered, so an oversized frame is refused before the bytes pile up.
 */
public final class FrameDecoder {

  /** Receives decoded frames; throwing ends decoding for good (the connection is broken). */
  public interface Sink {
    void onDataHeader(FrameHeader header) throws YamuxProtocolException;

    /** The payload of the frame announced by the last {@link #onDataHeader}; the sink releases it. */
    void onData(FrameHeader header, ByteBuf payload) throws YamuxProtocolException;

    void onControl(FrameHeader header) throws YamuxProtocolException;
  }

  private final long maxFrameLength;
  private FrameHeader pendingData;

  public FrameDecoder(long maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
  }

  /** Consumes every complete frame in {@code in}, leaving a partial one for the next call. */
  public void decode(ByteBuf in, Sink sink) throws YamuxProtocolException {
    while (true) {
      if (pendingData == null) {
        if (in.readableBytes() < FrameHeader.LENGTH) {
          return;
        }
        FrameHeader header = FrameCodec.readHeader(in, maxFrameLength);
        if (header.type() != FrameHeader.TYPE_DATA) {
          sink.onControl(header);
          continue;
        }
        sink.onDataHeader(header);
        pendingData = header;
      }
      if (in.readableBytes() < pendingData.length()) {
        return;
      }
      FrameHeader header = pendingData;
      pendingData = null;
      sink.onData(header, in.readRetainedSlice((int) header.length()));
    }
  }
}
