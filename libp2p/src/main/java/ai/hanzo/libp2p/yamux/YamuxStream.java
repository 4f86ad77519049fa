package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.mux.StreamResetException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.DefaultAttributeMap;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Yamux stream. All state is confined to the connection's event loop. */
final class YamuxStream extends DefaultAttributeMap implements MuxedStream {
  private static final Logger LOG = LoggerFactory.getLogger(YamuxStream.class);

  private final YamuxMuxer muxer;
  private final Channel channel;
  private final long id;
  private final boolean initiator;
  private final YamuxConfig config;

  private StreamHandler handler;
  private volatile boolean closed;
  private boolean wasReset;

  private final SendQueue sendQueue = new SendQueue();
  private volatile boolean writable = true;
  private ChannelPromise finPromise;
  private boolean finSent;

  private final ReceiveWindow receiveWindow;
  private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
  private boolean remoteClosed;
  private boolean remoteCloseDelivered;
  private boolean discardInbound;
  private volatile boolean autoRead = true;
  private boolean readRequested;
  /**
   * A read was asked for during the current delivery after its last chunk went out (from a handler's callback,
   * e.g. the onActive of a handler attached by protocol negotiation): the end of that delivery must not take it back.
   */
  private boolean readAskedAfterLastChunk;
  private boolean delivering;

  YamuxStream(YamuxMuxer muxer, Channel channel, long id, boolean initiator, YamuxConfig config) {
    this.muxer = muxer;
    this.channel = channel;
    this.id = id;
    this.initiator = initiator;
    this.config = config;
    this.receiveWindow = new ReceiveWindow(config.maxWindow(), System.nanoTime());
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public boolean isInitiator() {
    return initiator;
  }

  @Override
  public Channel parent() {
    return channel;
  }

  @Override
  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  @Override
  public ByteBufAllocator alloc() {
    return channel.alloc();
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public long unsentBytes() {
    return sendQueue.bytes();
  }

  @Override
  public StreamHandler handler() {
    return handler;
  }

  @Override
  public boolean isAutoRead() {
    return autoRead;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "YamuxStream[" + id + (initiator ? ", outbound" : ", inbound") + "]";
  }

  // ---- write side ----

  @Override
  public ChannelFuture write(ByteBuf data) {
    ChannelPromise promise = channel.newPromise();
    onLoop(() -> enqueue(data, promise));
    return promise;
  }

  private void enqueue(ByteBuf data, ChannelPromise promise) {
    if (closed || finPromise != null) {
      data.release();
      promise.setFailure(new StreamResetException(
          "stream " + id + (closed ? " is closed" : " is closed for writing")));
      return;
    }
    sendQueue.add(data, promise);
    flushUnsent();
  }

  @Override
  public ChannelFuture closeWrite() {
    ChannelPromise promise = channel.newPromise();
    onLoop(() -> {
      if (closed) {
        promise.setFailure(new StreamResetException("stream " + id + " is closed"));
      } else if (finPromise != null) {
        finPromise.addListener(f -> promise.setSuccess());
      } else {
        finPromise = promise;
        flushUnsent();
      }
    });
    return promise;
  }

  /** Sends as much queued data as the remote's window and the connection allow. */
  void flushUnsent() {
    SendQueue.Chunk chunk;
    while (!closed && muxer.connectionWritable()
        && (chunk = sendQueue.poll(config.maxSendFrameLength())) != null) {
      ChannelPromise promise = chunk.promise() == null ? channel.voidPromise() : chunk.promise();
      muxer.writeFrame(new FrameHeader(FrameHeader.TYPE_DATA, 0, id, chunk.data().readableBytes()),
          chunk.data(), promise);
    }
    if (!closed && sendQueue.isEmpty() && finPromise != null && !finSent) {
      finSent = true;
      muxer.writeFrame(
          new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, FrameHeader.FLAG_FIN, id, 0),
          null, finPromise);
      closeIfDone();
    }
    updateWritability();
  }

  private void updateWritability() {
    long unsent = sendQueue.bytes();
    boolean nowWritable = writable
        ? unsent <= config.writeHighWaterMark()
        : unsent <= config.writeHighWaterMark() / 2;
    if (nowWritable != writable) {
      writable = nowWritable;
      if (handler != null) {
        handler.onWritabilityChanged(this);
      }
    }
  }

  void onWindowUpdate(long delta) throws YamuxProtocolException {
    if (!sendQueue.grant(delta)) {
      throw new YamuxProtocolException(
          "window update of " + delta + " overflows the send window of stream " + id);
    }
    flushUnsent();
  }

  // ---- read side ----

  long receiveWindowRemaining() {
    return receiveWindow.remaining();
  }

  long receiveWindowSize() {
    return receiveWindow.windowSize();
  }

  /** Data the muxer checked against the receive window. */
  void onData(ByteBuf data) {
    int length = data.readableBytes();
    receiveWindow.received(length);
    if (closed || discardInbound || remoteClosed) {
      data.release();
      credit(length);
      return;
    }
    inbound.add(data);
    muxer.buffered(length);
    deliver();
  }

  void onRemoteFin() {
    if (remoteClosed) {
      return;
    }
    remoteClosed = true;
    deliver();
    closeIfDone();
  }

  @Override
  public void setAutoRead(boolean autoRead) {
    this.autoRead = autoRead;
    if (autoRead) {
      onLoop(this::deliver);
    }
  }

  @Override
  public void read() {
    onLoop(() -> {
      readRequested = true;
      if (delivering) {
        readAskedAfterLastChunk = true;
      }
      deliver();
    });
  }

  @Override
  public void setHandler(StreamHandler next, ByteBuf unconsumed) {
    onLoop(() -> {
      if (closed) {
        // A handler attached too late still learns the stream's fate, so nobody waits forever.
        ReferenceCountUtil.release(unconsumed);
        handler = next;
        if (wasReset) {
          next.onReset(this);
        }
        next.onClosed(this);
        return;
      }
      ByteBuf held = handler == null ? null : handler.detach(this);
      handler = next;
      next.onActive(this);
      handOver(next, held);
      handOver(next, unconsumed);
      deliver();
    });
  }

  private void handOver(StreamHandler next, ByteBuf data) {
    if (data == null) {
      return;
    }
    if (data.isReadable() && !closed && handler == next) {
      next.onData(this, data);
    } else {
      data.release();
    }
  }

  private void deliver() {
    if (delivering || closed) {
      return;
    }
    delivering = true;
    try {
      boolean deliveredAny = false;
      while (!closed && handler != null && (autoRead || readRequested) && !inbound.isEmpty()) {
        ByteBuf data = inbound.poll();
        int length = data.readableBytes();
        muxer.buffered(-length);
        deliveredAny = true;
        credit(length);
        readAskedAfterLastChunk = false;
        handler.onData(this, data);
      }
      // One read delivers what is buffered, unless it was asked for after the last chunk went out.
      if (deliveredAny && !autoRead && !readAskedAfterLastChunk) {
        readRequested = false;
      }
      readAskedAfterLastChunk = false;
      if (!closed && remoteClosed && !remoteCloseDelivered && inbound.isEmpty()
          && handler != null) {
        remoteCloseDelivered = true;
        handler.onRemoteClose(this);
        closeIfDone();
      }
    } catch (RuntimeException e) {
      LOG.warn("handler of {} failed; resetting the stream", this, e);
      reset();
    } finally {
      delivering = false;
    }
  }

  private void credit(int consumed) {
    if (remoteClosed || closed) {
      return;
    }
    long credit = receiveWindow.consumed(consumed, System.nanoTime(), muxer.rttNanos());
    if (credit > 0) {
      muxer.writeFrame(
          new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, 0, id, credit), null,
          channel.voidPromise());
    }
  }

  // ---- closing ----

  @Override
  public void close() {
    onLoop(() -> {
      if (closed) {
        return;
      }
      closeWrite();
      discardInbound = true;
      while (!inbound.isEmpty()) {
        ByteBuf data = inbound.poll();
        muxer.buffered(-data.readableBytes());
        credit(data.readableBytes());
        data.release();
      }
      closeIfDone();
    });
  }

  @Override
  public void reset() {
    onLoop(() -> {
      if (!closed) {
        muxer.writeFrame(
            new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, FrameHeader.FLAG_RST, id, 0), null,
            channel.voidPromise());
        terminate("stream " + id + " was reset locally");
      }
    });
  }

  /** Ends the stream without telling the remote (it reset, or the connection is gone). */
  void terminate(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    wasReset = true;
    StreamResetException cause = new StreamResetException(reason);
    while (!inbound.isEmpty()) {
      ByteBuf data = inbound.poll();
      muxer.buffered(-data.readableBytes());
      data.release();
    }
    sendQueue.failAll(cause);
    if (finPromise != null && !finSent) {
      finPromise.tryFailure(cause);
    }
    muxer.streamClosed(this);
    if (handler != null) {
      handler.onReset(this);
      handler.onClosed(this);
    }
  }

  private void closeIfDone() {
    boolean readDone = remoteClosed && inbound.isEmpty()
        && (remoteCloseDelivered || handler == null || discardInbound);
    if (!closed && finSent && readDone) {
      closed = true;
      muxer.streamClosed(this);
      if (handler != null) {
        handler.onClosed(this);
      }
    }
  }

  private void onLoop(Runnable task) {
    YamuxMuxer.runOn(channel, task);
  }
}
