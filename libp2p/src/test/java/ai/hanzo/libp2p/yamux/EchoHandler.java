package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;

/** Writes back what it receives and closes its side when the remote does. */
public final class EchoHandler implements StreamHandler {
  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    stream.write(data);
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    stream.closeWrite();
  }
}
