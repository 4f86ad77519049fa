package ai.hanzo.libp2p.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.AttributeMap;

/**
 * One bidirectional stream of a {@link StreamMuxer}. Methods may be called from any thread; they
 * take effect on {@link #eventLoop()}, where all {@link StreamHandler} callbacks run.
 *
 * <p>Write side: {@link #write} queues bytes; they leave as fast as the remote grants flow-control
 * credit. {@link #isWritable()} turns false when the unsent queue passes a high-water mark, and
 * callers that care about memory stop writing until {@link StreamHandler#onWritabilityChanged}.
 *
 * <p>Read side: with auto-read on (the default) every inbound chunk goes to the handler as it
 * arrives. With auto-read off, chunks stay buffered until {@link #read()}; the remote only gets
 * new credit for bytes the handler was given, so a slow consumer stops a fast sender.
 */
public interface MuxedStream extends AttributeMap {

  /** The protocol negotiated on this stream, set by multistream-select. */
  AttributeKey<String> PROTOCOL = AttributeKey.valueOf("ai.hanzo.libp2p.protocol");

  /** The stream id as the muxer numbers it on the wire. */
  long id();

  /** True when this side opened the stream. */
  boolean isInitiator();

  /** The connection's channel. */
  Channel parent();

  EventLoop eventLoop();

  ByteBufAllocator alloc();

  /**
   * Queues {@code data} (ownership passes to the stream). The future completes when the last
   * byte was handed to the connection, and fails when the stream is reset or closed for writing
   * first.
   */
  ChannelFuture write(ByteBuf data);

  /** False while the unsent queue is above the high-water mark. */
  boolean isWritable();

  /** Bytes written but not yet handed to the connection. */
  long unsentBytes();

  /** Sends FIN after the queued data: no more writes, reading continues. */
  ChannelFuture closeWrite();

  /** Aborts both directions at once and tells the remote (RST). Queued data is dropped. */
  void reset();

  /**
   * Closes for writing (as {@link #closeWrite()}) and discards any further inbound data; the
   * stream is fully closed when the remote closes its side too.
   */
  void close();

  /**
   * Attaches {@code handler}; it gets {@link StreamHandler#onActive} first. On a stream that is
   * already closed it gets {@link StreamHandler#onReset} (if it was reset) and {@link
   * StreamHandler#onClosed} instead.
   */
  default void setHandler(StreamHandler handler) {
    setHandler(handler, null);
  }

  /**
   * Replaces the handler. The previous handler's {@link StreamHandler#detach} bytes, then {@code
   * unconsumed} (bytes a previous handler read but did not use, e.g. after protocol negotiation;
   * may be null), then anything still buffered go to the new handler, in that order.
   */
  void setHandler(StreamHandler handler, ByteBuf unconsumed);

  StreamHandler handler();

  void setAutoRead(boolean autoRead);

  boolean isAutoRead();

  /**
   * With auto-read off: delivers everything buffered now, or, when nothing is buffered, the next
   * chunk that arrives.
   */
  void read();

  /** True once the stream is fully closed or reset. */
  boolean isClosed();
}
