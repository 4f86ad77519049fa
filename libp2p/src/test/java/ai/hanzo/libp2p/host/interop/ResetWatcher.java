package ai.hanzo.libp2p.host.interop;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/** Passes every event to a protocol handler and completes a future when the stream is reset. */
final class ResetWatcher implements StreamHandler {
  private final StreamHandler delegate;
  private final CompletableFuture<Void> reset;

  ResetWatcher(StreamHandler delegate, CompletableFuture<Void> reset) {
    this.delegate = delegate;
    this.reset = reset;
  }

  @Override
  public void onActive(MuxedStream stream) {
    delegate.onActive(stream);
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    delegate.onData(stream, data);
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    delegate.onRemoteClose(stream);
  }

  @Override
  public void onWritabilityChanged(MuxedStream stream) {
    delegate.onWritabilityChanged(stream);
  }

  @Override
  public void onReset(MuxedStream stream) {
    delegate.onReset(stream);
    reset.complete(null);
  }

  @Override
  public void onClosed(MuxedStream stream) {
    delegate.onClosed(stream);
  }
}
