package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Reads Identify messages until the remote's EOF and merges them, within js-libp2p's limits
 * (at most 10 messages of at most 8 KiB).
 */
class IdentifyCollector implements StreamHandler {
  static final int MAX_MESSAGE_LENGTH = 8 * 1024;
  static final int MAX_MESSAGES = 10;

  private final LengthPrefixedFrames frames =
      new LengthPrefixedFrames(MAX_MESSAGE_LENGTH, MAX_MESSAGES);
  private final CompletableFuture<IdentifyMessage> result;

  IdentifyCollector(CompletableFuture<IdentifyMessage> result) {
    this.result = result;
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    if (result.isDone()) {
      data.release();
      return;
    }
    try {
      frames.add(data);
    } catch (IdentifyException e) {
      result.completeExceptionally(e);
      stream.reset();
    }
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    if (result.isDone()) {
      return;
    }
    try {
      IdentifyMessage merged = null;
      for (byte[] frame : frames.finish()) {
        IdentifyMessage one = IdentifyCodec.decode(frame);
        merged = merged == null ? one : merged.merge(one);
      }
      if (merged == null) {
        throw new IdentifyException("the peer closed the Identify stream without a message");
      }
      result.complete(merged);
      stream.close();
    } catch (IdentifyException e) {
      result.completeExceptionally(e);
      stream.reset();
    }
  }

  @Override
  public void onClosed(MuxedStream stream) {
    frames.release();
    result.completeExceptionally(new IdentifyException("Identify stream closed before EOF"));
  }
}
