package ai.hanzo.libp2p.host.protocol.perf;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;

/**
 * The {@code /perf/1.0.0} server: reads the 8-byte big-endian count N (it may arrive split),
 * discards the upload until the client's EOF, then sends exactly N bytes and closes its write
 * side. An EOF before the whole count resets the stream.
 */
public final class PerfServerHandler implements StreamHandler {
  private long requested;
  private int headerBytes;
  private ZeroWriter writer;

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    while (headerBytes < Long.BYTES && data.isReadable()) {
      requested = (requested << 8) | data.readUnsignedByte();
      headerBytes++;
    }
    data.release();
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    if (headerBytes < Long.BYTES) {
      stream.reset();
      return;
    }
    // Above 2^63 the spec's "send until the client resets" applies.
    writer = new ZeroWriter(requested < 0 ? Long.MAX_VALUE : requested, stream::closeWrite);
    writer.pump(stream);
  }

  @Override
  public void onWritabilityChanged(MuxedStream stream) {
    if (writer != null) {
      writer.pump(stream);
    }
  }
}
