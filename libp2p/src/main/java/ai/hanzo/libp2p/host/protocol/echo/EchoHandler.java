package ai.hanzo.libp2p.host.protocol.echo;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;

/**
 * Writes every chunk back as it arrives and closes its write side after the remote's EOF. Stops
 * reading while the stream is not writable, so a peer that sends without reading fills its own
 * flow-control window instead of our memory. Also serves Ping, which is echo of 32-byte chunks.
 */
public final class EchoHandler implements StreamHandler {
  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    stream.write(data);
    if (!stream.isWritable()) {
      stream.setAutoRead(false);
    }
  }

  @Override
  public void onWritabilityChanged(MuxedStream stream) {
    if (stream.isWritable() && !stream.isAutoRead()) {
      stream.setAutoRead(true);
    }
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    stream.closeWrite();
  }
}
