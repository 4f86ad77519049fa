package ai.hanzo.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;

/**
 * A stream's written-but-unsent bytes and the send window the remote granted. Bytes leave only
 * as window allows, so a receiver that stops granting stops the sender here.
 */
final class SendQueue {
  /** Bytes the stream's user wrote that have not yet all left as data frames. */
  private record PendingWrite(ByteBuf data, ChannelPromise promise) {}

  /** One data frame's payload; {@code promise} is null unless it ends a write. */
  record Chunk(ByteBuf data, ChannelPromise promise) {}

  private final ArrayDeque<PendingWrite> unsent = new ArrayDeque<>();
  private long window = YamuxConfig.INITIAL_WINDOW;
  private volatile long bytes;

  void add(ByteBuf data, ChannelPromise promise) {
    unsent.add(new PendingWrite(data, promise));
    bytes += data.readableBytes();
  }

  /** Adds credit; false when the window would pass 32 bits (the remote misbehaves). */
  boolean grant(long delta) {
    window += delta;
    return window <= FrameHeader.MAX_U32;
  }

  boolean isEmpty() {
    return unsent.isEmpty();
  }

  /** Unsent bytes; safe to read from any thread. */
  long bytes() {
    return bytes;
  }

  /** The next chunk the window allows, at most {@code maxLength} bytes, or null. */
  Chunk poll(int maxLength) {
    while (!unsent.isEmpty() && !unsent.peek().data().isReadable()) {
      PendingWrite empty = unsent.poll();
      empty.data().release();
      empty.promise().trySuccess();
    }
    if (unsent.isEmpty() || window == 0) {
      return null;
    }
    PendingWrite head = unsent.peek();
    int n = (int) Math.min(Math.min(head.data().readableBytes(), window), maxLength);
    ByteBuf chunk = head.data().readRetainedSlice(n);
    window -= n;
    bytes -= n;
    if (head.data().isReadable()) {
      return new Chunk(chunk, null);
    }
    unsent.poll();
    head.data().release();
    return new Chunk(chunk, head.promise());
  }

  void failAll(Throwable cause) {
    while (!unsent.isEmpty()) {
      PendingWrite write = unsent.poll();
      write.data().release();
      write.promise().tryFailure(cause);
    }
    bytes = 0;
  }
}
